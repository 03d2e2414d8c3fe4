using System.Diagnostics;
using System.Text;
using Grpc.Health.V1;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Hostile input (issue 3, section 5) for run specs through Runs.SubmitRun: a fixed number of generated and
/// mutated specs, overrides and CSV files from a fixed seed, against a silo of its own, judged by
/// <see cref="HostileInputOracle"/>; the silo still serves and trains afterwards. The other job kinds are
/// <see cref="HostileJobInputTests"/>.
/// </summary>
[Collection(HostileInputCollection.Name)]
public sealed class HostileInputTests(HostileInputSilo silo, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Seed = 20250611;
    private const int Cases = 1000;
    // How long an accepted run may train before it is cancelled (mutations may ask for millions of steps).
    private static readonly TimeSpan RunPatience = TimeSpan.FromSeconds(8);

    private readonly HostileInputOracle _oracle = new(silo);

    [Fact]
    public async Task Fuzzed_specs_and_csv_files_end_cleanly_and_the_silo_keeps_serving()
    {
        var generator = new HostileInputGenerator(Seed, HostileTemplates.Train);
        var outcomes = new HostileOutcomes();
        var clock = Stopwatch.StartNew();

        await _oracle.RunAsync(Enumerable.Range(0, Cases).Select(_ => generator.Next()), HostileApi.Runs, RunPatience, outcomes);
        var fuzzSeconds = clock.Elapsed.TotalSeconds;

        var health = await new Health.HealthClient(silo.Channel).CheckAsync(new HealthCheckRequest(), HostileInputOracle.Options());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var valid = await silo.Client.SubmitRunAsync(new SubmitRunRequest { SpecYaml = HostileInputSilo.ValidSpec(steps: 6), SpecDirectory = silo.DataDirectory }, HostileInputOracle.Options());
        silo.Accepted[valid.RunId] = "valid run after fuzzing";
        var report = await _oracle.WatchToEndAsync(valid.RunId, HostileInputOracle.StopDeadline, cancelAboveSteps: null);
        var summary = $"{Cases} cases in {fuzzSeconds:F1} s: {outcomes}";
        output.WriteLine(summary);
        Assert.True(outcomes.Failures.IsEmpty, $"{summary}\n{string.Join("\n\n", outcomes.Failures.Take(15))}");
        Assert.NotNull(report);
        Assert.True(report.Status == "completed" && report.Run.Steps == 6, $"the valid run after fuzzing ended '{report.Status}' after {report.Run?.Steps} steps: {report.Reason}\n{summary}");
        var unexpected = await _oracle.UnexpectedJobsAsync();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));

        // Both ends of the oracle are exercised: rejections, and runs that complete and fail.
        Assert.True(outcomes.Invalid > 0 && outcomes.Completed > 0 && outcomes.Failed > 0, summary);
    }

    /// <summary>Inputs that once crashed, hung or answered wrongly, kept by name.</summary>
    [Theory]
    [MemberData(nameof(RegressionNames))]
    public async Task Regression_inputs_end_cleanly(string name)
    {
        var (input, expect) = Regressions[name];
        var outcomes = new HostileOutcomes();

        await _oracle.RunAsync([input], HostileApi.Runs, RunPatience, outcomes);

        Assert.True(outcomes.Failures.IsEmpty, string.Join("\n\n", outcomes.Failures));
        Assert.True(expect(outcomes), $"{name}: {outcomes}; last detail or reason: {outcomes.LastDetail}");
    }

    public static TheoryData<string> RegressionNames() => new(Regressions.Keys);

    private static readonly Dictionary<string, (HostileCase Input, Func<HostileOutcomes, bool> Expect)> Regressions = new()
    {
        ["deep_flow_nesting"] = (new("deep_flow_nesting", new string('[', 100_000), []), o => o.Invalid == 1 && o.LastDetail.Contains("nested deeper than 32 levels", StringComparison.Ordinal)),
        ["alias_bomb"] = (new("alias_bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nname: *c\n", []), o => o.Invalid == 1),
        ["invalid_utf8_spec"] = (new("invalid_utf8_spec", "", [], RawYaml: [.. "name: x"u8, 0xC3, 0x28, .. "\nseed: 1\n"u8]), o => o.Invalid == 1 && o.LastDetail.StartsWith("SubmitRunRequest: cannot be decoded", StringComparison.Ordinal)),
        ["huge_unknown_key"] = (new("huge_unknown_key", new string('k', 900_000) + ": 1\n" + HostileInputSilo.ValidSpec(), []), o => o.Invalid == 1 && o.LastDetail.Length < 2000),
        ["wide_header_24012_columns"] = (WideCsv(24012), o => o.Accepted + o.Invalid == 1),
        ["group_id_2e9"] = (new("group_id_2e9", HostileInputSilo.ValidSpec().Replace("groups_by: [a]", "group: g"), [], Files("train.csv", HostileInputSilo.ValidCsv(new Random(1), 48).Replace("\n1,1,3,", "\n1,1,2000000000,"))),
            o => o.Failed == 1 && o.LastDetail.Contains("2000000000 is too large", StringComparison.Ordinal)),
        ["label_2e9"] = (new("label_2e9", HostileInputSilo.ValidSpec().Replace("groups_by: [a]", "group: g"), [], Files("train.csv", HostileInputSilo.ValidCsv(new Random(1), 48).Replace("\n1,1,3,", "\n2000000000,1,3,"))),
            o => o.Failed == 1 && o.LastDetail.Contains("2000000000 is too large", StringComparison.Ordinal)),
        ["hidden_65536_65536"] = (new("hidden_65536_65536", HostileInputSilo.ValidSpec(), ["model.hidden=[65536, 65536]"]), o => o.Invalid == 1 && o.LastDetail.StartsWith("model.hidden, data.features: estimated peak ", StringComparison.Ordinal)),
        ["self_alias"] = (new("self_alias", HostileInputSilo.ValidSpec().Replace("hidden: [8]", "hidden: &h [*h]"), []), o => o.LastDetail.StartsWith("model.hidden", StringComparison.Ordinal)),
    };

    private static Dictionary<string, byte[]> Files(string replaced, string content)
    {
        var random = new Random(2);
        var files = new Dictionary<string, byte[]>
        {
            ["train.csv"] = Encoding.UTF8.GetBytes(HostileInputSilo.ValidCsv(random, 48)),
            ["val.csv"] = Encoding.UTF8.GetBytes(HostileInputSilo.ValidCsv(random, 24)),
            ["test.csv"] = Encoding.UTF8.GetBytes(HostileInputSilo.ValidCsv(random, 24)),
        };
        files[replaced] = Encoding.UTF8.GetBytes(content);
        return files;
    }

    // A header of many columns was checked for duplicates in quadratic time: 24012 columns held SubmitRun past its deadline.
    private static HostileCase WideCsv(int extra)
    {
        var lines = HostileInputSilo.ValidCsv(new Random(3), 24).TrimEnd('\n').Split('\n');
        var header = lines[0] + string.Concat(Enumerable.Range(0, extra).Select(i => $",x{i}"));
        var padding = string.Concat(Enumerable.Repeat(",0", extra));
        var content = string.Join('\n', [header, .. lines.Skip(1).Select(l => l + padding)]);
        return new("wide_header", HostileInputSilo.ValidSpec(), [], Files("val.csv", content));
    }
}
