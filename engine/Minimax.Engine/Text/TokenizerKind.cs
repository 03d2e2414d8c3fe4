namespace Minimax.Engine.Text;

public enum TokenizerKind
{
    /// <summary>UTF-8 bytes: <see cref="ByteTokenizer"/>.</summary>
    Bytes,

    /// <summary>GPT-2 byte-pair encoding: <see cref="Gpt2Tokenizer"/>.</summary>
    Gpt2,
}
