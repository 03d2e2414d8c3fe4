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

    /// <summary>The gRPC endpoint, http://127.0.0.1:PORT (HTTP/2 without TLS).</summary>
    public Uri Address { get; }

    public static async Task<EmbeddedCluster> StartAsync(CancellationToken cancellationToken)
    {
        var options = new SiloOptions
        {
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            GrpcPort = 0,
            ClusterId = $"embedded-{Guid.NewGuid():N}",
            Quiet = true,
            // Loopback only, inside the user's own process: the caller can already read every file
            // it could name, so authentication and data roots would protect nothing here.
            AuthMode = AuthMode.None,
            DataRoots = ["/"],
        };
        var app = SiloHost.Build([], options);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new EmbeddedCluster(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
