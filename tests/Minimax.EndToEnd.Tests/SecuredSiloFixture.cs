using Minimax.Silo;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// A silo with Auth:Mode keys (one key per tenant), its data roots set to the generated dataset's
/// folder and small limits. Each test class acts as tenants of its own, so the per-tenant limit of one
/// concurrent run never couples two classes.
/// </summary>
public sealed class SecuredSiloFixture : IAsyncLifetime
{
    public const int MaxWorkers = 3;
    public const int MaxSpecBytes = 16 * 1024;

    public static readonly string[] Tenants = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"];

    private EmbeddedCluster? _silo;

    public Uri Address => _silo!.Address;

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>The only folder (Data:Roots) this silo reads datasets from.</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("minimax-secured-").FullName;

    public static string KeyOf(string tenant) => $"key-of-{tenant}-0123456789";

    public async Task InitializeAsync()
    {
        var generate = await Cli.RunAsync(
            ["data", "synth-spurious", "--out", DataDirectory, "--seed", "7", "--train", "600", "--val", "200", "--test", "200", "--noise-dims", "10"],
            TimeSpan.FromMinutes(1));
        Assert.True(generate.ExitCode == 0, generate.StandardError);
        _silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthMode = AuthMode.Keys,
            AuthKeys = Tenants.Select(tenant => new TenantKey(tenant, ApiKeyAuthenticator.HashKey(KeyOf(tenant)))).ToArray(),
            DataRoots = [DataDirectory],
            Limits = new RunLimits { MaxWorkers = MaxWorkers, MaxConcurrentRunsPerTenant = 1, MaxSpecBytes = MaxSpecBytes },
        }, CancellationToken.None);
        Channel = GrpcChannel.ForAddress(_silo.Address);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    /// <summary>A client that sends <paramref name="authorization"/> as is (null: no header).</summary>
    public Runs.RunsClient ClientWith(string? authorization) => new(Invoker(authorization));

    /// <summary>A Jobs client that sends <paramref name="authorization"/> as is (null: no header).</summary>
    public Jobs.JobsClient JobsWith(string? authorization) => new(Invoker(authorization));

    /// <summary>A Jobs client acting as <paramref name="tenant"/>.</summary>
    public Jobs.JobsClient JobsFor(string tenant) => new(Invoker($"Bearer {KeyOf(tenant)}"));

    private CallInvoker Invoker(string? authorization) =>
        authorization is null
            ? Channel.CreateCallInvoker()
            : Channel.Intercept(metadata =>
            {
                metadata.Add("authorization", authorization);
                return metadata;
            });

    /// <summary>A client acting as <paramref name="tenant"/>.</summary>
    public Runs.RunsClient ClientFor(string tenant) => ClientWith($"Bearer {KeyOf(tenant)}");

    public SubmitRunRequest Request(string yaml, string? requestId = null) =>
        new() { SpecYaml = yaml, SpecDirectory = DataDirectory, RequestId = requestId ?? "" };

    /// <summary>Cancels a run and waits for its final report.</summary>
    public static async Task<RunReport> CancelAndWaitAsync(Runs.RunsClient client, string runId)
    {
        await client.CancelRunAsync(new CancelRunRequest { RunId = runId });
        return await FinalReportAsync(client, runId);
    }

    public static async Task<RunReport> FinalReportAsync(Runs.RunsClient client, string runId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var call = client.WatchRun(new WatchRunRequest { RunId = runId }, cancellationToken: deadline.Token);
        await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            if (item.EventCase == WatchRunEvent.EventOneofCase.Report)
            {
                return item.Report;
            }
        }
        throw new InvalidOperationException($"the watch of {runId} ended without a final report");
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredSiloCollection : ICollectionFixture<SecuredSiloFixture>
{
    public const string Name = "secured-silo";
}
