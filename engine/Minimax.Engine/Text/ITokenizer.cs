namespace Minimax.Engine.Text;

/// <summary>Turns text into token ids in 0..<see cref="VocabularySize"/> - 1.</summary>
public interface ITokenizer
{
    int VocabularySize { get; }

    /// <summary>The id placed between documents of one domain's token stream.</summary>
    int EndOfText { get; }

    int[] Encode(string text);
}
