using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Health.V1;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Hostile input (issue 3, section 5): thousands of generated and mutated specs, overrides and CSV files
/// from a fixed seed, against a silo of its own. Every input must end as INVALID_ARGUMENT naming a field,
/// RESOURCE_EXHAUSTED, or an accepted run that reaches a terminal state (failed runs with a reason);
/// every call is answered within its deadline, and the silo still serves and trains afterwards.
/// </summary>
public sealed class HostileInputTests(HostileInputSilo silo, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<HostileInputSilo>
{
    private const int Seed = 20250611;
    private const int MinimumCases = 1000;
    private const int MaxRunsInFlight = 4;
    private static readonly TimeSpan FuzzBudget = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);
    // How long an accepted run may train before it is cancelled (mutations may ask for millions of steps).
    private static readonly TimeSpan RunPatience = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);
    private const int CancelAboveSteps = 200;

    [Fact]
    public async Task Fuzzed_specs_and_csv_files_end_cleanly_and_the_silo_keeps_serving()
    {
        var generator = new HostileInputGenerator(Seed);
        var outcomes = new Outcomes();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var slowest = new Dictionary<string, double>();
        while (clock.Elapsed < FuzzBudget)
        {
            var input = generator.Next();
            cases++;
            var directory = silo.DataDirectory;
            if (input.Files is { } files)
            {
                directory = Path.Combine(silo.DataDirectory, "csv", cases.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(directory);
                foreach (var (name, content) in files)
                {
                    await File.WriteAllBytesAsync(Path.Combine(directory, name), content);
                }
            }

            var started = clock.Elapsed;
            var runId = await SubmitAsync(input, directory, outcomes);
            var kind = input.Name.Split(' ', 3) is [var first, var second, ..] ? $"{first} {second}" : input.Name;
            slowest[kind] = slowest.GetValueOrDefault(kind) + (clock.Elapsed - started).TotalMilliseconds;
            if (runId is not null)
            {
                inFlight.Add(SettleAsync(input, runId, directory, outcomes));
                while (inFlight.Count >= MaxRunsInFlight)
                {
                    inFlight.Remove(await Task.WhenAny(inFlight));
                }
            }
            else if (directory != silo.DataDirectory)
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        // Whatever is still running is cancelled and must stop.
        await Task.WhenAll(inFlight);
        var fuzzSeconds = clock.Elapsed.TotalSeconds;

        var health = await new Health.HealthClient(silo.Channel).CheckAsync(new HealthCheckRequest(), Options());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var valid = await silo.Client.SubmitRunAsync(Request(HostileInputSilo.ValidSpec(steps: 6), silo.DataDirectory), Options());
        var report = await WatchToEndAsync(valid.RunId, StopDeadline, cancelAboveSteps: null);
        var summary = $"{cases} cases in {fuzzSeconds:F1} s: {outcomes}";
        output.WriteLine(summary);
        output.WriteLine(string.Join("\n", slowest.OrderByDescending(p => p.Value).Take(12).Select(p => $"{p.Value,8:F0} ms {p.Key}")));
        Assert.True(outcomes.Failures.IsEmpty, $"{summary}\n{string.Join("\n\n", outcomes.Failures.Take(15))}");
        Assert.NotNull(report);
        Assert.True(report.Status == "completed" && report.Steps == 6, $"the valid run after fuzzing ended '{report.Status}' after {report.Steps} steps: {report.Reason}\n{summary}");
        await silo.Client.ListRunsAsync(new ListRunsRequest(), Options());

        Assert.True(cases >= MinimumCases, summary);
        // Both ends of the oracle are exercised: rejections, and runs that complete and fail.
        Assert.True(outcomes.Invalid > 0 && outcomes.Completed > 0 && outcomes.Failed > 0, summary);
    }

    /// <summary>Inputs that once crashed, hung or answered wrongly, kept by name.</summary>
    [Theory]
    [MemberData(nameof(RegressionNames))]
    public async Task Regression_inputs_end_cleanly(string name)
    {
        var (input, expect) = Regressions[name];
        var outcomes = new Outcomes();
        var directory = silo.DataDirectory;
        if (input.Files is { } files)
        {
            directory = Directory.CreateTempSubdirectory("minimax-hostile-regression-").FullName;
            foreach (var (file, content) in files)
            {
                await File.WriteAllBytesAsync(Path.Combine(directory, file), content);
            }
        }

        var runId = await SubmitAsync(input, directory, outcomes);
        if (runId is not null)
        {
            await SettleAsync(input, runId, directory, outcomes);
        }

        Assert.True(outcomes.Failures.IsEmpty, string.Join("\n\n", outcomes.Failures));
        Assert.True(expect(outcomes), $"{name}: {outcomes}; last detail or reason: {outcomes.LastDetail}");
    }

    public static TheoryData<string> RegressionNames() => new(Regressions.Keys);

    private static readonly Dictionary<string, (HostileCase Input, Func<Outcomes, bool> Expect)> Regressions = new()
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

    // ---- the oracle ----------------------------------------------------------------------------------

    /// <summary>Submits one case; returns the run id when it was accepted, after checking a rejection is clean.</summary>
    private async Task<string?> SubmitAsync(HostileCase input, string directory, Outcomes outcomes)
    {
        try
        {
            SubmitRunReply reply;
            if (input.RawYaml is { } raw)
            {
                var overrides = input.RawOverrides ?? input.Overrides.Select(Encoding.UTF8.GetBytes).ToList();
                reply = await silo.RawSubmitAsync(raw, overrides, directory, Options());
            }
            else
            {
                var request = Request(input.Yaml, directory);
                request.Overrides.AddRange(input.Overrides);
                reply = await silo.Client.SubmitRunAsync(request, Options());
            }

            if (string.IsNullOrEmpty(reply.RunId))
            {
                outcomes.Fail(input, "accepted without a run id");
                return null;
            }

            outcomes.Count(ref outcomes.Accepted);
            return reply.RunId;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            outcomes.LastDetail = e.Status.Detail;
            var colon = e.Status.Detail.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || e.Status.Detail.Length <= colon + 2)
            {
                outcomes.Fail(input, $"INVALID_ARGUMENT without 'field: reason': '{e.Status.Detail}'");
            }
            else if (e.Status.Detail.Length > 4096)
            {
                outcomes.Fail(input, $"INVALID_ARGUMENT detail of {e.Status.Detail.Length} characters");
            }

            outcomes.Count(ref outcomes.Invalid);
            return null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            outcomes.LastDetail = e.Status.Detail;
            outcomes.Count(ref outcomes.Exhausted);
            return null;
        }
        catch (Exception e)
        {
            outcomes.Fail(input, $"submit ended with {Describe(e)}");
            return null;
        }
    }

    /// <summary>Follows an accepted run to a terminal state, cancelling it when it would train for long.</summary>
    private async Task SettleAsync(HostileCase input, string runId, string directory, Outcomes outcomes)
    {
        try
        {
            var report = await WatchToEndAsync(runId, RunPatience, CancelAboveSteps);
            var cancelled = false;
            if (report is null)
            {
                cancelled = true;
                await silo.Client.CancelRunAsync(new CancelRunRequest { RunId = runId }, Options());
                report = await WatchToEndAsync(runId, StopDeadline, cancelAboveSteps: null);
                if (report is null)
                {
                    outcomes.Fail(input, $"run {runId} did not stop within {StopDeadline.TotalSeconds} s of its cancellation");
                    return;
                }
            }

            switch (report.Status)
            {
                case "completed":
                    outcomes.Count(ref outcomes.Completed);
                    break;
                case "failed" when !string.IsNullOrWhiteSpace(report.Reason):
                    outcomes.LastDetail = report.Reason;
                    outcomes.Count(ref outcomes.Failed);
                    break;
                case "cancelled" when cancelled:
                    outcomes.Count(ref outcomes.Cancelled);
                    break;
                default:
                    outcomes.Fail(input, $"run {runId} ended '{report.Status}' with reason '{report.Reason}'");
                    break;
            }
        }
        catch (Exception e)
        {
            outcomes.Fail(input, $"following run {runId} ended with {Describe(e)}");
        }
        finally
        {
            if (directory != silo.DataDirectory)
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Left to the fixture's cleanup.
                }
            }
        }
    }

    /// <summary>
    /// The run's final report, or null when <paramref name="patience"/> runs out or the run is set to take
    /// more than <paramref name="cancelAboveSteps"/> steps.
    /// </summary>
    private async Task<RunReport?> WatchToEndAsync(string runId, TimeSpan patience, int? cancelAboveSteps)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            using var call = silo.Client.WatchRun(new WatchRunRequest { RunId = runId }, new CallOptions(cancellationToken: timeout.Token));
            await foreach (var item in call.ResponseStream.ReadAllAsync(timeout.Token))
            {
                if (item.EventCase == WatchRunEvent.EventOneofCase.Report)
                {
                    return item.Report;
                }

                if (cancelAboveSteps is { } limit && item.Progress.TotalSteps > limit)
                {
                    return null;
                }
            }

            throw new InvalidOperationException($"the watch of {runId} ended without a report");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    private static SubmitRunRequest Request(string yaml, string directory) => new() { SpecYaml = yaml, SpecDirectory = directory };

    private static CallOptions Options() => new(deadline: DateTime.UtcNow.Add(CallDeadline));

    private static string Describe(Exception e) => e is RpcException rpc
        ? $"{rpc.StatusCode} '{(rpc.Status.Detail.Length > 300 ? rpc.Status.Detail[..300] + "..." : rpc.Status.Detail)}'"
        : $"{e.GetType().Name}: {e.Message}";

    private sealed class Outcomes
    {
        public int Accepted;
        public int Invalid;
        public int Exhausted;
        public int Completed;
        public int Failed;
        public int Cancelled;

        public System.Collections.Concurrent.ConcurrentQueue<string> Failures { get; } = new();

        public string LastDetail { get; set; } = "";

        public void Count(ref int counter) => Interlocked.Increment(ref counter);

        public void Fail(HostileCase input, string problem) => Failures.Enqueue($"{problem}\n{input}");

        public override string ToString() =>
            $"{Invalid} invalid, {Exhausted} resource-exhausted, {Accepted} accepted ({Completed} completed, {Failed} failed, {Cancelled} cancelled after running long); {Failures.Count} bad";
    }
}
