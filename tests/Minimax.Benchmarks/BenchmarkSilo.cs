using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Minimax.Grains;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Tenants;

namespace Minimax.Benchmarks;

/// <summary>A bare Orleans silo with the Minimax grains, memory state and local checkpoints: the step path without gRPC.</summary>
public static class BenchmarkSilo
{
    public static async Task<IHost> StartAsync(string directory)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error))
            .UseOrleans(silo =>
            {
                silo.AddMinimaxGrains().UseLocalhostClustering().AddMemoryGrainStorage("runs").UseInMemoryReminderService();
                silo.Services.AddSingleton<ICheckpointStore>(new LocalCheckpointStore(Path.Combine(directory, "checkpoints")));
                silo.Services.AddSingleton(TenantDataRoots.Shared([directory], Path.Combine(directory, "checkpoints")));
            })
            .Build();
        await host.StartAsync();
        return host;
    }
}
