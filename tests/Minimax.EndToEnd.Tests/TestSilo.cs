using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Minimax.Silo.Hosting;

namespace Minimax.EndToEnd.Tests;

/// <summary>A real silo (SiloHost.Build) with the given options, on free loopback ports, as EmbeddedCluster starts one.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSilo(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>http(s)://127.0.0.1:PORT.</summary>
    public Uri Address { get; }

    public static async Task<TestSilo> StartAsync(SiloOptions options)
    {
        var app = SiloHost.Build([], options with
        {
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            GrpcPort = 0,
            ClusterId = $"e2e-{Guid.NewGuid():N}",
            Quiet = true,
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new TestSilo(app, new Uri($"{address.Scheme}://127.0.0.1:{address.Port}"));
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
