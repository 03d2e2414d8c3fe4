using Minimax.Engine.Data;

namespace Minimax.Engine.Text;

/// <summary>
/// Cuts token streams into windows of context + 1 tokens with stride context (window k holds tokens
/// [k·context, k·context + context + 1); the incomplete tail is dropped), ordered by (index within domain,
/// domain), so any contiguous slice holds every domain that still has windows.
/// </summary>
internal static class WindowBuilder
{
    public static int WindowCount(int tokens, int context) => tokens <= context ? 0 : (tokens - 1) / context;

    public static TokenWindows Interleave(int context, IReadOnlyList<ArraySegment<int>> streams)
    {
        var counts = streams.Select(s => WindowCount(s.Count, context)).ToArray();
        var length = context + 1;
        var total = counts.Sum(c => (long)c);
        if (total * length > Array.MaxLength)
        {
            throw new DataException($"The corpus makes {total} windows of {length} tokens, more than one array holds; lower MaxTokensPerDomain or use fewer domains.");
        }

        var tokens = new long[total * length];
        var domains = new int[total];
        var window = 0;
        var most = counts.DefaultIfEmpty(0).Max();
        for (var k = 0; k < most; k++)
        {
            for (var d = 0; d < streams.Count; d++)
            {
                if (k >= counts[d])
                {
                    continue;
                }

                var source = streams[d].AsSpan(k * context, length);
                var target = tokens.AsSpan(window * length, length);
                for (var i = 0; i < length; i++)
                {
                    target[i] = source[i];
                }

                domains[window++] = d;
            }
        }

        return new TokenWindows(context, tokens, domains);
    }
}
