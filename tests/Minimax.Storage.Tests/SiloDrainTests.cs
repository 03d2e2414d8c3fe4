using System.Text.RegularExpressions;
using Minimax.Contracts.Api;
using Minimax.Testing;
using Xunit.Abstractions;

namespace Minimax.Storage.Tests;

/// <summary>
/// Issue 13 section 2: real silo processes on Azurite, one stopped with SIGTERM mid-run (as Kubernetes stops a pod). The
/// silo drains: the run checkpoints after its step in progress, moves, and completes with the report of an uninterrupted
/// run, replaying no step. The runs here checkpoint on their own only after their last step, so without the drain a
/// resumed run would start again from step 0.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class SiloDrainTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private const int Steps = 400;
    private const int DrainAtStep = 60;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly TrainingData _data = new();
    private readonly List<SiloProcess> _silos = [];

    [Fact]
    public Task Stopping_a_worker_silo_with_SIGTERM_the_run_moves_its_workers_and_never_replays_a_step() => WithLogsAsync(async () =>
    {
        var cluster = $"drain-worker-{Guid.NewGuid():N}";
        var control = await StartAsync(cluster, role: "control");
        var first = await StartAsync(cluster, role: "worker");
        var second = await StartAsync(cluster, role: "worker");
        var reference = await RealSiloRuns.RunToEndAsync(control.Client, await SubmitAsync(control.Client));

        var runId = await SubmitAsync(control.Client);
        await RealSiloRuns.UntilStepAsync(control.Client, runId, DrainAtStep);
        var (exitCode, took) = await first.TerminateAsync(ExitTimeout);
        var report = await RealSiloRuns.RunToEndAsync(control.Client, runId);

        output.WriteLine($"worker silo drained and exited in {took.TotalSeconds:F2} s");
        Assert.Equal(0, exitCode);
        Assert.Contains("Drained:", first.Output);
        RealSiloRuns.AssertSameResult(reference, report);
        Assert.True(report.Recoveries >= 1, "the workers should have moved to a new generation");
        AssertNoStepReplayed(runId, drainLog: control.Output, coordinatorLog: control.Output, coordinatorStartedTheRun: true);
        Assert.Equal(control.Ports.SiloEndpoint, report.CoordinatorSilo);
        Assert.All(report.WorkerSilos, silo => Assert.Equal(second.Ports.SiloEndpoint, silo));
    });

    [Fact]
    public Task Stopping_the_coordinators_silo_with_SIGTERM_the_run_continues_on_the_other_from_the_drains_checkpoint() => WithLogsAsync(async () =>
    {
        var cluster = $"drain-coordinator-{Guid.NewGuid():N}";
        var a = await StartAsync(cluster, role: "all");
        var b = await StartAsync(cluster, role: "all");
        var reference = await RealSiloRuns.RunToEndAsync(a.Client, await SubmitAsync(a.Client));

        var runId = await SubmitAsync(a.Client);
        var running = await RealSiloRuns.UntilStepAsync(a.Client, runId, DrainAtStep);
        var (victim, survivor) = running.CoordinatorSilo == a.Ports.SiloEndpoint ? (a, b) : (b, a);
        var (exitCode, took) = await victim.TerminateAsync(ExitTimeout);
        var report = await RealSiloRuns.RunToEndAsync(survivor.Client, runId);

        output.WriteLine($"coordinator's silo drained and exited in {took.TotalSeconds:F2} s");
        Assert.Equal(0, exitCode);
        Assert.Contains("Drained:", victim.Output);
        RealSiloRuns.AssertSameResult(reference, report);
        Assert.Equal(survivor.Ports.SiloEndpoint, report.CoordinatorSilo);
        Assert.All(report.WorkerSilos, silo => Assert.Equal(survivor.Ports.SiloEndpoint, silo));
        AssertNoStepReplayed(runId, drainLog: victim.Output, coordinatorLog: survivor.Output, coordinatorStartedTheRun: false);
    });

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        _data.Dispose();
    }

    // A failure shows what every silo logged.
    private async Task WithLogsAsync(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch (Exception exception)
        {
            var logs = string.Join("\n", _silos.Select(silo => $"--- silo {silo.Ports.SiloEndpoint}:\n{silo.Output}"));
            throw new Xunit.Sdk.XunitException($"{exception.GetType().Name}: {exception.Message}\n{logs}");
        }
    }

    [GeneratedRegex(@"Run (?<run>\S+): checkpointed at step (?<step>\d+) for a drain")]
    private static partial Regex DrainCheckpoint();

    [GeneratedRegex(@"Run (?<run>\S+): worker generation \d+ trains from step (?<step>\d+)")]
    private static partial Regex GenerationStart();

    /// <summary>
    /// The run checkpointed once for the drain, after the step it was asked at, and every worker generation the coordinator
    /// started after it (<paramref name="coordinatorLog"/>, whose first generation started the run from step 0 when
    /// <paramref name="coordinatorStartedTheRun"/>) trained from that checkpoint or a later one: no step before the
    /// drain's checkpoint ran twice. (Orleans may still lose a new worker while the drained silo hands its part of the grain
    /// directory over; the run then recovers once more, from the drain's checkpoint.)
    /// </summary>
    private static void AssertNoStepReplayed(string runId, string drainLog, string coordinatorLog, bool coordinatorStartedTheRun)
    {
        var drains = StepsIn(DrainCheckpoint(), drainLog, runId);
        var drained = Assert.Single(drains);
        Assert.True(drained >= DrainAtStep, $"the drain checkpointed at step {drained}, before step {DrainAtStep} it was asked at");
        var starts = StepsIn(GenerationStart(), coordinatorLog, runId);
        var later = coordinatorStartedTheRun ? starts.Skip(1).ToArray() : starts;
        Assert.NotEmpty(later);
        Assert.All(later, start => Assert.True(start >= drained, $"a worker generation trained from step {start}, before the drain's checkpoint at {drained}"));
    }

    private static int[] StepsIn(Regex pattern, string log, string runId) =>
        [.. pattern.Matches(log).Where(match => match.Groups["run"].Value == runId).Select(match => int.Parse(match.Groups["step"].Value))];

    private async Task<SiloProcess> StartAsync(string cluster, string role)
    {
        // The coordinator's lines name the steps a drain checkpointed at and a new generation started from.
        var silo = await SiloProcess.StartAsync(azurite.Server.ConnectionString, cluster, SiloProcess.Endpoints.Fresh(), _data.Directory,
            [.. RealSiloRuns.FastRecovery, ("Silo:Role", role), ("Logging:LogLevel:Minimax.Grains", "Information")]);
        _silos.Add(silo);
        return silo;
    }

    private async Task<string> SubmitAsync(Runs.RunsClient client)
    {
        var request = new SubmitRunRequest { SpecYaml = TrainingData.SpecYaml(steps: Steps, workers: 2), SpecDirectory = _data.Directory };
        request.Overrides.Add($"training.checkpoint_every={Steps}");
        return (await client.SubmitRunAsync(request)).RunId;
    }
}
