using Minimax.Contracts.Grains;
using Minimax.Grains.Jobs;

namespace Minimax.Grains.Runs;

/// <summary>
/// A run's progress history as fixed step ranges ("chunks") of <see cref="ChunkSteps"/> records, each a
/// document of its own: a flush writes only the chunks that changed, never the whole history, and a watcher
/// that starts from the beginning reads old chunks from storage instead of the grain keeping them all.
/// After a resume the steps since the checkpoint are reported again: a record replaces every record from
/// its step on, so the log always reads as one uninterrupted run.
/// </summary>
public sealed class ProgressLog(string runId, JobDocuments documents)
{
    public const int ChunkSteps = 64;

    /// <summary>Changed chunks held before they are written without waiting for a checkpoint (<see cref="Full"/>).</summary>
    public const int MaxDirtyChunks = 16;

    // Chunks in memory: those not yet flushed and the newest one; others are read back when asked for.
    private readonly SortedDictionary<int, List<ProgressRecord>> _chunks = [];
    private readonly HashSet<int> _dirty = [];

    public ProgressRecord? Last { get; private set; }

    /// <summary>More changed chunks than <see cref="MaxDirtyChunks"/>: a long stretch without a checkpoint, to be flushed.</summary>
    public bool Full => _dirty.Count > MaxDirtyChunks;

    public static string ChunkName(int chunk) => $"history-{chunk:D7}";

    private static int ChunkOf(int step) => (Math.Max(step, 1) - 1) / ChunkSteps;

    public void Add(ProgressRecord progress)
    {
        var chunk = ChunkOf(progress.Step);
        foreach (var later in _chunks.Keys.Where(index => index > chunk).ToArray())
        {
            _chunks.Remove(later);
            _dirty.Remove(later);
        }
        if (!_chunks.TryGetValue(chunk, out var records))
        {
            _chunks[chunk] = records = [];
        }
        records.RemoveAll(seen => seen.Step >= progress.Step);
        records.Add(progress);
        _dirty.Add(chunk);
        Last = progress;
    }

    /// <summary>
    /// Writes the chunks that changed since the last flush; the last flushed step is then durable. Only the newest
    /// chunk stays in memory, and the one holding <paramref name="resumeStep"/>: a run resumed from its checkpoint
    /// reports that step again, into a chunk whose earlier records must still be there.
    /// </summary>
    public async Task FlushAsync(int resumeStep = int.MaxValue)
    {
        foreach (var chunk in _dirty.Order().ToArray())
        {
            await documents.WriteAsync(runId, ChunkName(chunk), _chunks[chunk].ToArray());
            _dirty.Remove(chunk);
        }
        var newest = _chunks.Count == 0 ? -1 : _chunks.Keys.Max();
        var resumed = ChunkOf(resumeStep);
        foreach (var clean in _chunks.Keys.Where(index => index != newest && index != resumed && !_dirty.Contains(index)).ToArray())
        {
            _chunks.Remove(clean);
        }
    }

    /// <summary>On activation: the newest flushed chunk, so the run shows its latest progress.</summary>
    public async Task LoadAsync(int flushedThroughStep)
    {
        if (flushedThroughStep > 0 && Last is null)
        {
            var chunk = ChunkOf(flushedThroughStep);
            var records = await ReadChunkAsync(chunk);
            records.RemoveAll(record => record.Step > flushedThroughStep);
            _chunks[chunk] = records;
            Last = records.LastOrDefault();
        }
    }

    /// <summary>Up to <paramref name="max"/> records after <paramref name="afterStep"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ProgressRecord>> AfterAsync(int afterStep, int max)
    {
        var page = new List<ProgressRecord>();
        if (Last is not { } last || last.Step <= afterStep)
        {
            return page;
        }
        for (var chunk = ChunkOf(afterStep + 1); chunk <= ChunkOf(last.Step) && page.Count < max; chunk++)
        {
            var records = _chunks.TryGetValue(chunk, out var held) ? held : await ReadChunkAsync(chunk);
            // A chunk flushed before a resume may still hold steps replayed since: only the live history counts.
            page.AddRange(records.Where(record => record.Step > afterStep && record.Step <= last.Step).Take(max - page.Count));
        }
        return page;
    }

    private async Task<List<ProgressRecord>> ReadChunkAsync(int chunk) =>
        [.. await documents.ReadAsync<ProgressRecord[]>(runId, ChunkName(chunk)) ?? []];
}
