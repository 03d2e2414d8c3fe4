using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;

namespace Minimax.Grains.Runs;

/// <summary>Remembers every submitted run id, in submission order.</summary>
public sealed class RunRegistryGrain(
    [PersistentState("registry", "runs")] IPersistentState<RunRegistryState> state,
    ILogger<RunRegistryGrain> logger) : Grain, IRunRegistryGrain
{
    /// <summary>How long an admitted run may take to appear before the registry takes its submit as failed.</summary>
    public static readonly TimeSpan SubmitGrace = TimeSpan.FromMinutes(1);

    public async Task<int?> AdmitAsync(string runId, int limit)
    {
        if (state.State.RunIds.Contains(runId) || state.State.ActiveRuns.ContainsKey(runId))
        {
            return null;
        }
        if (state.State.ActiveRuns.Count >= limit)
        {
            await ForgetEndedRunsAsync();
        }
        if (state.State.ActiveRuns.Count >= limit)
        {
            return state.State.ActiveRuns.Count;
        }
        await StateWrites.WriteAsync(
            state,
            registry =>
            {
                return registry.ActiveRuns.TryAdd(runId, DateTimeOffset.UtcNow);
            },
            $"Registry {this.GetPrimaryKeyString()}: admit {runId}",
            logger,
            DeactivateOnIdle);
        return null;
    }

    public async Task FinishedAsync(string runId)
    {
        if (state.State.ActiveRuns.ContainsKey(runId))
        {
            await StateWrites.WriteAsync(
                state,
                registry => registry.ActiveRuns.Remove(runId),
                $"Registry {this.GetPrimaryKeyString()}: {runId} finished",
                logger,
                DeactivateOnIdle);
        }
    }

    public async Task AddAsync(string runId)
    {
        if (state.State.RunIds.Contains(runId))
        {
            return;
        }
        // On a conflict the re-read list may hold the id already (or other ids another writer added).
        await StateWrites.WriteAsync(
            state,
            registry =>
            {
                if (registry.RunIds.Contains(runId))
                {
                    return false;
                }
                registry.RunIds.Add(runId);
                return true;
            },
            $"Registry {this.GetPrimaryKeyString()}: add {runId}",
            logger,
            DeactivateOnIdle);
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.RunIds.ToArray());

    // A Finished message can be lost (it is one-way) and an admitted submit can fail before its run
    // exists: at the limit, ask the runs themselves, so only the runs still active are counted. A run
    // admitted moments ago may not exist yet (its submit is in flight), so only older ones count as failed.
    private async Task ForgetEndedRunsAsync()
    {
        var active = state.State.ActiveRuns.ToArray();
        var snapshots = await Task.WhenAll(active.Select(run => GrainFactory.GetGrain<IRunGrain>(run.Key).GetSnapshotAsync()));
        var submitGrace = DateTimeOffset.UtcNow - SubmitGrace;
        var ended = active.Zip(snapshots)
            .Where(pair => pair.Second.Status.IsTerminal() || (pair.Second.Spec is null && pair.First.Value < submitGrace))
            .Select(pair => pair.First.Key)
            .ToArray();
        if (ended.Length > 0)
        {
            await StateWrites.WriteAsync(
                state,
                registry => ended.Count(registry.ActiveRuns.Remove) > 0,
                $"Registry {this.GetPrimaryKeyString()}: forget {ended.Length} ended runs",
                logger,
                DeactivateOnIdle);
        }
    }
}
