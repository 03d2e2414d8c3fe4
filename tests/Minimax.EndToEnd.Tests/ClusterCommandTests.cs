using System.Text.Json;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// `minimax cluster` and minimax.v1.Cluster against real silo processes on Azurite, with a run training. One
/// process per silo: a silo's live jobs and step rate are its process's own, so no other test's silo counts here.
/// </summary>
public sealed class ClusterCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string[] Kinds = ["train", "doremi", "evaluation", "sweep"];
    private readonly string _data = Directory.CreateTempSubdirectory("minimax-cluster-").FullName;
    private readonly string _clusterId = $"status-{Guid.NewGuid():N}";
    private readonly List<SiloProcess> _silos = [];
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync()
    {
        SpuriousCsv.WriteSplits(_data, trainRows: 400, evaluationRows: 100, seed: 3);
        _azurite = await AzuriteServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
        await _azurite.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task The_json_shows_the_silo_with_its_running_job_and_step_rate_and_no_live_jobs_once_the_job_ends()
    {
        var silo = await StartSiloAsync();
        var job = await StartLongRunAsync(silo, workers: 1);

        using var training = await ClusterJsonAsync(silo);

        var root = training.RootElement;
        Assert.Equal(["cluster_id", "silo_count", "jobs", "steps_per_second", "activations", "silos"], Names(root));
        Assert.Equal(_clusterId, root.GetProperty("cluster_id").GetString());
        Assert.Equal(1, root.GetProperty("silo_count").GetInt32());
        var entry = Assert.Single(root.GetProperty("silos").EnumerateArray());
        Assert.Equal(
            ["address", "name", "host", "status", "role", "start_time", "activations", "jobs", "steps_per_second", "error"], Names(entry));
        Assert.Equal(silo.Ports.SiloEndpoint, entry.GetProperty("address").GetString());
        Assert.Equal("active", entry.GetProperty("status").GetString());
        Assert.Equal("all", entry.GetProperty("role").GetString());
        Assert.Equal("", entry.GetProperty("error").GetString());
        Assert.True(entry.GetProperty("start_time").GetDateTime() <= DateTime.UtcNow);
        Assert.True(entry.GetProperty("activations").GetInt32() > 0);
        Assert.True(entry.GetProperty("steps_per_second").GetDouble() > 0, "steps/s while the run trains");
        Assert.Equal(Kinds, KindsOf(entry));
        Assert.Equal((1, 0), Count(entry, "train"));
        Assert.All(Kinds.Skip(1), kind => Assert.Equal((0, 0), Count(entry, kind)));
        Assert.Equal((1, 0), Count(root, "train"));
        Assert.Equal(entry.GetProperty("steps_per_second").GetDouble(), root.GetProperty("steps_per_second").GetDouble());
        Assert.Equal(entry.GetProperty("activations").GetInt32(), root.GetProperty("activations").GetInt32());

        await silo.Jobs.CancelJobAsync(new CancelJobRequest { JobId = job });
        var final = await JobEvents.UntilAsync(silo.Jobs, job, _ => false, Timeout);
        Assert.Equal("cancelled", final.Report.Status);
        using var ended = await ClusterJsonAsync(silo);

        var after = Assert.Single(ended.RootElement.GetProperty("silos").EnumerateArray());
        Assert.All(Kinds, kind => Assert.Equal((0, 0), Count(after, kind)));
        Assert.All(Kinds, kind => Assert.Equal((0, 0), Count(ended.RootElement, kind)));
    }

    [Fact]
    public async Task The_table_names_the_silo_its_role_and_its_running_job()
    {
        var silo = await StartSiloAsync();
        var job = await StartLongRunAsync(silo, workers: 1);

        var result = await Cli.RunAsync(["cluster", "--cluster", silo.Address], Timeout);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("", result.StandardError);
        Assert.StartsWith($"cluster {_clusterId}: 1 active silo, ", result.StandardOutput);
        var row = Assert.Single(result.StandardOutput.Split('\n'), line => line.Contains(silo.Ports.SiloEndpoint, StringComparison.Ordinal));
        Assert.Contains(" active ", row);
        Assert.Contains(" all ", row);
        Assert.Contains("train 1/0", row);
        await silo.Jobs.CancelJobAsync(new CancelJobRequest { JobId = job });
    }

    [Fact]
    public async Task With_two_silos_each_reports_its_own_jobs_and_steps_whichever_silo_is_asked()
    {
        var a = await StartSiloAsync();
        var b = await StartSiloAsync();
        // Submitted through the silo that joined last, which knew the first one when it joined.
        var job = await StartLongRunAsync(b, workers: 2);
        var run = (await a.Jobs.GetJobAsync(new GetJobRequest { JobId = job })).Run;
        Assert.Equal(new[] { a.Ports.SiloEndpoint, b.Ports.SiloEndpoint }.Order(), run.WorkerSilos.Order());

        var viaA = await StatusAsync(a);
        var viaB = await StatusAsync(b);

        foreach (var status in new[] { viaA, viaB })
        {
            Assert.Equal(2, status.SiloCount);
            Assert.Equal(new[] { a.Ports.SiloEndpoint, b.Ports.SiloEndpoint }.Order(StringComparer.Ordinal), status.Silos.Select(silo => silo.Address));
            Assert.All(status.Silos, silo =>
            {
                Assert.Equal("", silo.Error);
                Assert.Equal("active", silo.Status);
                Assert.Equal("all", silo.Role);
                // Each hosts one of the run's two workers at least.
                Assert.True(silo.Activations > 0, $"activations of {silo.Address}");
            });
            // Only the coordinator's silo steps: the other one's rate is its own, not the answering silo's.
            Assert.True(status.Silos.Single(silo => silo.Address == run.CoordinatorSilo).StepsPerSecond > 0);
            Assert.Equal(0, status.Silos.Single(silo => silo.Address != run.CoordinatorSilo).StepsPerSecond);
            Assert.Equal(1, status.Jobs.Single(kind => kind.Kind == "train").Active);
            Assert.Equal(1, status.Silos.Sum(silo => silo.Jobs.Single(kind => kind.Kind == "train").Active));
        }
        // The run's job grain is counted on the one silo that hosts it, whichever silo answers.
        Assert.Equal(TrainActive(viaA), TrainActive(viaB));
        await a.Jobs.CancelJobAsync(new CancelJobRequest { JobId = job });
    }

    private async Task<SiloProcess> StartSiloAsync()
    {
        var silo = await SiloProcess.StartAsync(_azurite.ConnectionString, _clusterId, SiloProcess.Endpoints.Fresh(), _data);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Submits a run far longer than the test and returns once it has stepped: it trains while the test looks.</summary>
    private async Task<string> StartLongRunAsync(SiloProcess silo, int workers)
    {
        var spec = SpuriousCsv.SpecYaml("cluster-status", steps: 1_000_000, workers, evalEvery: 1_000);
        var job = (await silo.Jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = spec, SpecDirectory = _data, RequestId = Guid.NewGuid().ToString("N") })).JobId;
        var stepping = await JobEvents.UntilAsync(silo.Jobs, job, update => update.Progress is { Step: >= 10 }, Timeout);
        Assert.True(stepping.Progress is not null, $"run {job} ended before it stepped: {stepping.Report?.Reason}");
        return job;
    }

    private static async Task<JsonDocument> ClusterJsonAsync(SiloProcess silo)
    {
        var result = await Cli.RunAsync(["cluster", "--cluster", silo.Address, "--json"], Timeout);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(result.StandardOutput);
    }

    private static async Task<ClusterStatus> StatusAsync(SiloProcess silo)
    {
        using var channel = GrpcChannel.ForAddress(silo.Address);
        return await new Cluster.ClusterClient(channel).GetClusterStatusAsync(new GetClusterStatusRequest());
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(property => property.Name).ToArray();

    private static string[] KindsOf(JsonElement element) =>
        element.GetProperty("jobs").EnumerateArray().Select(kind => kind.GetProperty("kind").GetString()!).ToArray();

    private static (int Active, int Pending) Count(JsonElement element, string kind)
    {
        var count = element.GetProperty("jobs").EnumerateArray().Single(entry => entry.GetProperty("kind").GetString() == kind);
        return (count.GetProperty("active").GetInt32(), count.GetProperty("pending").GetInt32());
    }

    private static string[] TrainActive(ClusterStatus status) =>
        status.Silos.Select(silo => $"{silo.Address}={silo.Jobs.Single(kind => kind.Kind == "train").Active}").ToArray();
}
