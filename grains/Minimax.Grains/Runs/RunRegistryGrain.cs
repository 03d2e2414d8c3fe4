using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;

namespace Minimax.Grains.Runs;

/// <summary>Remembers every submitted run id, in submission order.</summary>
public sealed class RunRegistryGrain(
    [PersistentState("registry", "runs")] IPersistentState<RunRegistryState> state,
    ILogger<RunRegistryGrain> logger) : Grain, IRunRegistryGrain
{
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
}
