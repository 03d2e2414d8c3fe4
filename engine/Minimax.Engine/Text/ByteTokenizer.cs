using System.Text;

namespace Minimax.Engine.Text;

/// <summary>Tokens are the UTF-8 bytes 0..255 of the text; 256 is end-of-text.</summary>
public sealed class ByteTokenizer : ITokenizer
{
    public static ByteTokenizer Instance { get; } = new();

    public int VocabularySize => 257;

    public int EndOfText => 256;

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            tokens[i] = bytes[i];
        }

        return tokens;
    }
}
