using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Minimax.Silo.Services;
using Orleans.Configuration;

namespace Minimax.Silo.Hosting;

/// <summary>Builds the silo process: an Orleans silo plus the minimax.v1 gRPC API, on loopback.</summary>
public static class SiloHost
{
    public static WebApplication Build(string[] args, SiloOptions? options = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        options ??= SiloOptions.FromConfiguration(builder.Configuration);

        builder.Logging.ClearProviders();
        // Logs go to stderr so that `minimax run --json` keeps stdout for the report alone.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        if (options.Quiet)
        {
            // Embedded in the CLI: only problems. Orleans' start-up notes (ServerGC, watchdog) are noise there.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Orleans", LogLevel.Error);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2));

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            silo.AddMemoryGrainStorage("runs");
        });

        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks().AddCheck("silo", () => HealthCheckResult.Healthy());

        var app = builder.Build();
        app.MapGrpcService<RunsService>();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
