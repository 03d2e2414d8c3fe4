using System.Diagnostics;
using Grpc.Health.V1;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Hostile input for every job kind through Jobs.SubmitJob (issue 9, "Keep"): a fixed number of seeded
/// mutations of a valid train, doremi, evaluation and sweep spec, and each of the cluster's limits just passed.
/// Every input ends as the <see cref="HostileInputOracle"/> says, no rejected submit leaves a job behind,
/// and the silo still runs a valid job of the kind afterwards.
/// </summary>
[Collection(HostileInputCollection.Name)]
public sealed class HostileJobInputTests(HostileInputSilo silo, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Seed = 20260203;
    private static readonly TimeSpan ValidJobDeadline = TimeSpan.FromMinutes(2);
    // Specs near 1 MiB are read twice (kind, then spec): generous for a loaded 2-core machine, where the
    // quadratic checks took minutes.
    private static readonly TimeSpan LimitDeadline = TimeSpan.FromSeconds(30);

    private readonly HostileInputOracle _oracle = new(silo);

    // Accepted mixtures train three stage runs, so they are cancelled at once: their lifecycle is what is checked.
    [Theory]
    [InlineData("train", 250, 8)]
    [InlineData("doremi", 300, 0)]
    [InlineData("evaluation", 300, 8)]
    [InlineData("sweep", 150, 8)]
    public async Task Fuzzed_specs_of_every_kind_end_cleanly_and_the_silo_keeps_serving(string kind, int cases, int patienceSeconds)
    {
        var template = HostileTemplates.All.Single(t => t.Kind == kind);
        var generator = new HostileInputGenerator(Seed + cases, template);
        var outcomes = new HostileOutcomes();
        var clock = Stopwatch.StartNew();

        await _oracle.RunAsync(Enumerable.Range(0, cases).Select(_ => generator.Next()), HostileApi.Jobs, TimeSpan.FromSeconds(patienceSeconds), outcomes);
        var summary = $"{kind}: {cases} cases in {clock.Elapsed.TotalSeconds:F1} s: {outcomes}";
        output.WriteLine(summary);

        Assert.True(outcomes.Failures.IsEmpty, $"{summary}\n{string.Join("\n\n", outcomes.Failures.Take(15))}");
        Assert.True(outcomes.Invalid > 0 && outcomes.Accepted > 0, summary);
        await AssertStillServingAsync(template);
    }

    [Theory]
    [MemberData(nameof(LimitNames))]
    public async Task Each_limit_is_refused_naming_the_field(string name)
    {
        var limit = HostileLimitCases.All.Single(c => c.Name == name);
        var input = limit.Input();
        var outcomes = new HostileOutcomes();
        var clock = Stopwatch.StartNew();

        // Through the oracle, so that a wrongly accepted case is recorded and cancelled, not left to run.
        var accepted = await _oracle.SubmitAsync(input, silo.DataDirectory, HostileApi.Jobs, outcomes, LimitDeadline);
        output.WriteLine($"{name}: {outcomes} in {clock.ElapsedMilliseconds} ms: {outcomes.LastDetail[..Math.Min(200, outcomes.LastDetail.Length)]}");
        if (accepted is not null)
        {
            await _oracle.SettleAsync(input, accepted, TimeSpan.Zero, outcomes);
        }

        Assert.True(outcomes.Failures.IsEmpty, string.Join("\n\n", outcomes.Failures));
        Assert.True(outcomes.Invalid == 1, $"{name}: {outcomes}");
        Assert.StartsWith(limit.Field + ": ", outcomes.LastDetail);
        var unexpected = await _oracle.UnexpectedJobsAsync();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }

    public static TheoryData<string> LimitNames() => new(HostileLimitCases.All.Select(c => c.Name));

    private async Task AssertStillServingAsync(HostileTemplate template)
    {
        var health = await new Health.HealthClient(silo.Channel).CheckAsync(new HealthCheckRequest(), HostileInputOracle.Options());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var unexpected = await _oracle.UnexpectedJobsAsync();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));

        var valid = await silo.Jobs.SubmitJobAsync(Request(new HostileCase("valid", template.Spec(), [])), HostileInputOracle.Options());
        silo.Accepted[valid.JobId] = $"valid {template.Kind} job after fuzzing";
        var report = await _oracle.WatchToEndAsync(valid.JobId, ValidJobDeadline, cancelAboveSteps: null);
        Assert.NotNull(report);
        Assert.True(report.Status == "completed", $"the valid {template.Kind} job after fuzzing ended '{report.Status}': {report.Reason}");
    }

    private SubmitJobRequest Request(HostileCase input)
    {
        var request = new SubmitJobRequest { SpecYaml = input.Yaml, SpecDirectory = silo.DataDirectory };
        request.Overrides.AddRange(input.Overrides);
        return request;
    }
}
