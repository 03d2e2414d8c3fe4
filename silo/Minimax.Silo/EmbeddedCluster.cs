using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.Silo;

/// <summary>
/// A one-silo cluster inside the calling process, on free loopback ports (like ray.init()). Callers
/// talk to it through the same gRPC API as to a real cluster.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedCluster(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The gRPC endpoint, http://127.0.0.1:PORT (HTTP/2; https when TLS is configured).</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The embedded cluster of `minimax run`: memory state, no keys, every path allowed.</summary>
    public static Task<EmbeddedCluster> StartAsync(CancellationToken cancellationToken) => StartAsync(new SiloOptions
    {
        // Loopback only, inside the user's own process: the caller can already read every file
        // it could name, so authentication and data roots would protect nothing here.
        AuthMode = AuthMode.None,
        DataRoots = ["/"],
    }, cancellationToken);

    /// <summary>
    /// A silo with <paramref name="options"/> on free loopback ports (silo, gateway and gRPC), in a
    /// cluster of its own unless the options name one.
    /// </summary>
    public static async Task<EmbeddedCluster> StartAsync(SiloOptions options, CancellationToken cancellationToken)
    {
        var app = SiloHost.Build([], options with
        {
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            GrpcPort = 0,
            ClusterId = options.ClusterId == new SiloOptions().ClusterId ? $"embedded-{Guid.NewGuid():N}" : options.ClusterId,
            Quiet = true,
        });
        await app.StartAsync(cancellationToken);
        // The gRPC listener's address: the only one besides the metrics and dashboard listeners the options may name.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(listening => new Uri(listening))
            .First(listening => listening.Port != options.Telemetry.MetricsPort && (!options.Dashboard.Enabled || listening.Port != options.Dashboard.Port));
        return new EmbeddedCluster(app, new Uri($"{address.Scheme}://127.0.0.1:{address.Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
