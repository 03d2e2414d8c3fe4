using Minimax.Engine.Data;

namespace Minimax.Engine.Text;

/// <summary>One domain's token stream: its documents in reading order, with end-of-text between documents.</summary>
internal sealed class DomainTokens(string name, int endOfText, long maxTokens)
{
    private int[] buffer = new int[1024];

    public string Name => name;

    public int Count { get; private set; }

    public int Documents { get; private set; }

    public ArraySegment<int> Tokens => new(buffer, 0, Count);

    public void Add(int[] document, TextDocument source)
    {
        if (document.Length == 0)
        {
            return;
        }

        var separator = Documents > 0 ? 1 : 0;
        var needed = (long)Count + separator + document.Length;
        if (needed > maxTokens)
        {
            throw new DataException(source.File, source.Line, null, $"domain {ContentExcerpt.Quote(name)} passes {maxTokens} tokens, the most one domain may hold (MaxTokensPerDomain)");
        }

        if (needed > buffer.Length)
        {
            Array.Resize(ref buffer, (int)Math.Min(Math.Max(needed, 2L * buffer.Length), Array.MaxLength));
        }

        if (separator == 1)
        {
            buffer[Count++] = endOfText;
        }

        document.CopyTo(buffer, Count);
        Count += document.Length;
        Documents++;
    }
}
