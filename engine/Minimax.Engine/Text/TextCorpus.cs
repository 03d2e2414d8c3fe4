namespace Minimax.Engine.Text;

/// <summary>
/// A tokenised multi-domain corpus: domains ordered by name (ordinal), training windows interleaved
/// across domains (so any contiguous shard holds every domain) and held-out windows per domain.
/// </summary>
public sealed record TextCorpus(
    IReadOnlyList<string> Domains,
    int VocabularySize,
    TokenWindows Train,
    TokenWindows Heldout,
    long[] TrainTokenCounts)
{
    public int DomainCount => Domains.Count;

    /// <summary>Training windows per domain.</summary>
    public long[] TrainWindowCounts()
    {
        var counts = new long[Domains.Count];
        foreach (var domain in Train.Domains)
        {
            counts[domain]++;
        }

        return counts;
    }
}
