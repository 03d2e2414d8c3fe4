using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Minimax.Grains.Cluster;
using Minimax.Grains.Placement;

namespace Minimax.Grains.Jobs;

[SiloRolePlacement(SiloRole.ControlName)]
public sealed class JobIndexGrain(
    [PersistentState("job-index", "runs")] IPersistentState<JobIndexState> state,
    Serializer serializer,
    ILogger<JobIndexGrain> logger) : Grain, IJobIndexGrain
{
    public Task<JobLocation?> GetAsync() => Task.FromResult(state.State.Location);

    public Task SetAsync(JobLocation location) =>
        StateWrites.WriteAsync(state, index =>
        {
            if (index.Location == location)
            {
                return false;
            }
            index.Location = location;
            return true;
        }, $"Job index {this.GetPrimaryKeyString()}: page {location.Page}", logger, DeactivateOnIdle, serializer);

    public async Task ClearAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
        state.State.Location = null;
        DeactivateOnIdle();
    }
}
