using Microsoft.Extensions.DependencyInjection;
using Minimax.Engine.Data;
using Minimax.Grains.Cluster;
using Minimax.Grains.Drain;
using Minimax.Grains.Jobs;
using Minimax.Grains.Placement;
using Minimax.Grains.Runtime;
using Minimax.Grains.Telemetry;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Minimax.Grains;

public static class MinimaxSiloBuilderExtensions
{
    /// <summary>
    /// What every silo hosting Minimax grains needs besides storage: its role (published as silo metadata and read by
    /// the role placement filter), the placement directors, the drain on shutdown, the job lifecycle's services and the
    /// cache of parsed data.
    /// </summary>
    public static ISiloBuilder AddMinimaxGrains(this ISiloBuilder silo, SiloRole? role = null)
    {
        role ??= SiloRole.All;
        silo.UseSiloMetadata(new Dictionary<string, string> { [SiloRole.MetadataKey] = role.Name });
        silo.Services.AddPlacementFilter<SiloRolePlacementStrategy, SiloRolePlacementDirector>(ServiceLifetime.Transient);
        silo.Services.AddPlacementDirector<ShardSpreadPlacement, ShardSpreadPlacementDirector>();
        silo.Services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        // What `minimax cluster` reads on each silo: its role and the step rate of the runs it coordinates.
        silo.Services.AddSingleton(role);
        silo.Services.AddSingleton<SiloRoles>();
        // The graceful drain on shutdown (Silo:DrainTimeoutSeconds): what trains here, and which silos are leaving.
        silo.Services.AddSingleton<DrainingSilos>();
        silo.Services.AddSingleton<LocalTraining>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloDrain>();
        silo.Services.AddSingleton(_ => new StepRate(TimeProvider.System));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<StepRate>());
        silo.Services.AddSingleton<JobDocuments>();
        silo.Services.AddSingleton<JobServices>();
        // One per silo: the workers of a run (and of an evaluation) on this silo parse their data once between them.
        silo.Services.AddSingleton<ParsedDataCache>();
        // One per silo: its training and evaluation workers share its cores (Workers:IntraOpThreads).
        silo.Services.AddSingleton<WorkerThreadBudget>();
        return silo;
    }
}
