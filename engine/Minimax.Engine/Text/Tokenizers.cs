namespace Minimax.Engine.Text;

public static class Tokenizers
{
    public static ITokenizer Create(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Bytes => ByteTokenizer.Instance,
        TokenizerKind.Gpt2 => Gpt2Tokenizer.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown tokenizer"),
    };
}
