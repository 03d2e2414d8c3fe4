using Microsoft.Extensions.DependencyInjection;
using Minimax.Grains.Jobs;
using Minimax.Grains.Placement;

namespace Minimax.Grains;

public static class MinimaxSiloBuilderExtensions
{
    /// <summary>What every silo hosting Minimax grains needs besides storage: the worker placement director and the job lifecycle's services.</summary>
    public static ISiloBuilder AddMinimaxGrains(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<ShardSpreadPlacement, ShardSpreadPlacementDirector>();
        silo.Services.AddSingleton<JobDocuments>();
        silo.Services.AddSingleton<JobServices>();
        return silo;
    }
}
