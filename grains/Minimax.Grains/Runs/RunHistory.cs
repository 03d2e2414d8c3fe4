using Minimax.Contracts.Grains;

namespace Minimax.Grains.Runs;

/// <summary>Reads a run's whole progress history from its documents, page by page.</summary>
public static class RunHistory
{
    private const int Page = 10_000;

    public static async Task<IReadOnlyList<ProgressRecord>> ReadAllAsync(IRunGrain run)
    {
        var history = new List<ProgressRecord>();
        for (var page = await run.GetHistoryAsync(0, Page); page.Count > 0; page = await run.GetHistoryAsync(history[^1].Step, Page))
        {
            history.AddRange(page);
        }
        return history;
    }
}
