using Minimax.Client.Connection;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

public sealed class JobWatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static JobProgress Step(int step) => JobReports.Progress("run-1", new RunProgress { Step = step, TotalSteps = 3, Status = "running" });

    [Fact]
    public async Task Progress_events_reach_the_callback_in_order_and_the_report_ends_the_watch()
    {
        var report = JobReports.Train(Reports.Completed());
        var stream = new EventStream(
            new JobEvent { Progress = Step(1) },
            new JobEvent { Progress = Step(2) },
            new JobEvent { Report = report },
            new JobEvent { Progress = Step(3) });
        var seen = new List<int>();

        var final = await JobWatcher.ReadAsync(stream, p => seen.Add(p.Step), CancellationToken.None);

        Assert.Same(report, final);
        Assert.Equal([1, 2], seen);
        Assert.Equal(3, stream.Read);
    }

    [Fact]
    public async Task A_stream_that_ends_without_a_report_gives_null()
    {
        var final = await JobWatcher.ReadAsync(new EventStream(new JobEvent { Progress = Step(1) }), _ => { }, CancellationToken.None);

        Assert.Null(final);
    }

    [Fact]
    public async Task Over_grpc_the_watch_returns_the_streamed_report_of_any_kind()
    {
        await using var server = await FakeJobsServer.StartAsync();
        var mixture = MixtureReports.Completed();
        server.Jobs.Add(JobReports.Doremi(mixture), [JobReports.Progress(MixtureReports.Running())]);
        using var connection = ClusterConnection.Connect(server.Address);
        var seen = new List<JobProgress>();
        using var deadline = new CancellationTokenSource(Timeout);

        var final = await JobWatcher.WatchAsync(connection.Jobs, mixture.JobId, seen.Add, deadline.Token);

        Assert.Equal(("doremi", "completed"), (final.Kind, final.Status));
        Assert.Equal(mixture, final.Mixture);
        Assert.Equal("mix-8", Assert.Single(seen).Mixture.JobId);
    }

    [Fact]
    public async Task Over_grpc_a_stream_without_a_report_falls_back_to_get()
    {
        await using var server = await FakeJobsServer.StartAsync();
        server.Jobs.Add(JobReports.Train(Reports.Completed()), [Step(1)], endsWithoutReport: true);
        using var connection = ClusterConnection.Connect(server.Address);
        using var deadline = new CancellationTokenSource(Timeout);

        var final = await JobWatcher.WatchAsync(connection.Jobs, "run-42", _ => { }, deadline.Token);

        Assert.Equal("run-42", final.Run.RunId);
    }

    [Fact]
    public async Task Over_grpc_an_unknown_id_throws_the_servers_not_found()
    {
        await using var server = await FakeJobsServer.StartAsync();
        using var connection = ClusterConnection.Connect(server.Address);
        using var deadline = new CancellationTokenSource(Timeout);

        var e = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => JobWatcher.WatchAsync(connection.Jobs, "nope", _ => { }, deadline.Token));

        Assert.Equal(Grpc.Core.StatusCode.NotFound, e.StatusCode);
    }
}
