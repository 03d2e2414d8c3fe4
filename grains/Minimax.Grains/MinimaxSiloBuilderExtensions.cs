using Microsoft.Extensions.DependencyInjection;
using Minimax.Engine.Data;
using Minimax.Grains.Jobs;
using Minimax.Grains.Placement;
using Minimax.Grains.Runtime;

namespace Minimax.Grains;

public static class MinimaxSiloBuilderExtensions
{
    /// <summary>What every silo hosting Minimax grains needs besides storage: the worker placement director the job lifecycle's services and the cache of parsed data.</summary>
    public static ISiloBuilder AddMinimaxGrains(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<ShardSpreadPlacement, ShardSpreadPlacementDirector>();
        silo.Services.AddSingleton<JobDocuments>();
        silo.Services.AddSingleton<JobServices>();
        // One per silo: the workers of a run (and of an evaluation) on this silo parse their data once between them.
        silo.Services.AddSingleton<ParsedDataCache>();
        // One per silo: its training and evaluation workers share its cores (Workers:IntraOpThreads).
        silo.Services.AddSingleton<WorkerThreadBudget>();
        return silo;
    }
}
