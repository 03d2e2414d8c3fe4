using Minimax.Contracts.Grains;

namespace Minimax.Grains.Runs;

/// <summary>
/// Reads a run's progress history from its documents, oldest first, one chunk's worth of records per call: a
/// reader that folds it (a mixture's trajectory and curves) holds one page, never the whole history.
/// </summary>
public static class RunHistory
{
    public static async Task<T> FoldAsync<T>(IRunGrain run, T fold) where T : IProgressFold
    {
        var after = 0;
        for (var page = await run.GetHistoryAsync(after, ProgressLog.ChunkSteps); page.Count > 0; page = await run.GetHistoryAsync(after, ProgressLog.ChunkSteps))
        {
            foreach (var progress in page)
            {
                fold.Add(progress);
            }
            after = page[^1].Step;
        }
        return fold;
    }
}
