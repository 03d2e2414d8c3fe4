using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Minimax.Client.Tests;

/// <summary><see cref="FakeJobs"/> served over gRPC (HTTP/2 without TLS) on a free loopback port in this process.</summary>
internal sealed class FakeJobsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeJobsServer(WebApplication app, FakeJobs jobs, Uri address)
    {
        _app = app;
        Jobs = jobs;
        Address = address;
    }

    public FakeJobs Jobs { get; }

    public Uri Address { get; }

    public string Url => Address.ToString();

    public static async Task<FakeJobsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The console belongs to the code under test (ConsoleCapture): the server writes nothing there.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var jobs = new FakeJobs();
        builder.Services.AddSingleton(jobs);
        var app = builder.Build();
        app.MapGrpcService<FakeJobs>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeJobsServer(app, jobs, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
