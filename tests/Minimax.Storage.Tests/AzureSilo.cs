using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Minimax.Contracts.Api;
using Minimax.Silo;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.Storage.Tests;

/// <summary>
/// The real silo (SiloHost) in azure mode, in this process, with its gRPC client. Restarting one means
/// starting another with the same <see cref="Endpoints"/>: same cluster id and silo ports, so it
/// replaces the stopped silo's membership row instead of probing it.
/// </summary>
public sealed class AzureSilo : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private AzureSilo(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        _channel = channel;
        Client = new Runs.RunsClient(channel);
    }

    public sealed record Endpoints(string ClusterId, int SiloPort, int GatewayPort)
    {
        public static Endpoints Fresh() => new($"storage-{Guid.NewGuid():N}", EmbeddedCluster.FreePort(), EmbeddedCluster.FreePort());
    }

    public Runs.RunsClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<AzureSilo> StartAsync(string connectionString, Endpoints endpoints, string dataRoot)
    {
        var options = new SiloOptions
        {
            StorageProvider = StorageProvider.Azure,
            AzureConnectionString = connectionString,
            ClusterId = endpoints.ClusterId,
            SiloPort = endpoints.SiloPort,
            GatewayPort = endpoints.GatewayPort,
            GrpcPort = 0,
            // MINIMAX_TEST_LOGS=1 shows the silo's logs (storage errors) when a test fails.
            Quiet = Environment.GetEnvironmentVariable("MINIMAX_TEST_LOGS") is null,
            AuthMode = AuthMode.None,
            DataRoots = [dataRoot],
        };
        var app = SiloHost.Build([], options);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.StartAsync(deadline.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // As the CLI: a run over 65,536 groups has a report of about 4.5 MB.
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{new Uri(address).Port}", new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 });
        return new AzureSilo(app, channel);
    }

    /// <summary>Submits the spec and waits, on the watch stream, for the run's final report.</summary>
    public async Task<RunReport> RunToEndAsync(string specYaml, string specDirectory)
    {
        var reply = await Client.SubmitRunAsync(new SubmitRunRequest { SpecYaml = specYaml, SpecDirectory = specDirectory });
        using var call = Client.WatchRun(new WatchRunRequest { RunId = reply.RunId });
        using var deadline = new CancellationTokenSource(RunTimeout);
        RunReport? report = null;
        try
        {
            await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
            {
                if (item.EventCase == WatchRunEvent.EventOneofCase.Report)
                {
                    report = item.Report;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Run {reply.RunId} sent no final report within {RunTimeout}.");
        }
        return report ?? throw new InvalidOperationException($"The watch stream of run {reply.RunId} ended without a report.");
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
