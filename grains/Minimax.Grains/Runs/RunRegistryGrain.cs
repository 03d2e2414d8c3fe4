using Minimax.Contracts.Grains;

namespace Minimax.Grains.Runs;

/// <summary>Remembers every submitted run id, in submission order.</summary>
public sealed class RunRegistryGrain(
    [PersistentState("registry", "runs")] IPersistentState<RunRegistryState> state) : Grain, IRunRegistryGrain
{
    public async Task AddAsync(string runId)
    {
        if (!state.State.RunIds.Contains(runId))
        {
            state.State.RunIds.Add(runId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.RunIds.ToArray());
}
