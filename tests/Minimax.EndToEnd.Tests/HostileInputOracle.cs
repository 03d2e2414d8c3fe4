using System.Collections.Concurrent;
using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

/// <summary>Which API a hostile input is submitted through: the train-only Runs.SubmitRun, or Jobs.SubmitJob for every kind.</summary>
public enum HostileApi { Runs, Jobs }

/// <summary>
/// What every hostile input must end as: INVALID_ARGUMENT as "field: reason" (short), RESOURCE_EXHAUSTED,
/// or an accepted job that reaches a terminal state (a failed one with a reason), each call answered within
/// its deadline. Accepted jobs are followed through the Jobs API, whatever their kind.
/// </summary>
public sealed class HostileInputOracle(HostileInputSilo silo)
{
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);
    private const int CancelAboveSteps = 200;
    private int _caseFolders;

    /// <summary>
    /// Submits every case in order, following at most <paramref name="maxInFlight"/> accepted jobs at once;
    /// a case with files gets a folder of its own under the data folder, removed once the case has ended.
    /// </summary>
    public async Task RunAsync(IEnumerable<HostileCase> cases, HostileApi api, TimeSpan patience, HostileOutcomes outcomes, int maxInFlight = 4)
    {
        var inFlight = new List<Task>();
        foreach (var input in cases)
        {
            var directory = silo.DataDirectory;
            if (input.Files is { } files)
            {
                directory = Directory.CreateDirectory(Path.Combine(silo.DataDirectory, $"case-{Interlocked.Increment(ref _caseFolders)}")).FullName;
                foreach (var (name, content) in files)
                {
                    await File.WriteAllBytesAsync(Path.Combine(directory, name), content);
                }
            }

            var jobId = await SubmitAsync(input, directory, api, outcomes);
            if (jobId is not null)
            {
                inFlight.Add(SettleThenRemoveAsync(input, jobId, directory, patience, outcomes));
                while (inFlight.Count >= maxInFlight)
                {
                    inFlight.Remove(await Task.WhenAny(inFlight));
                }
            }
            else
            {
                RemoveCaseFolder(directory);
            }
        }

        // Whatever is still running is cancelled and must stop.
        await Task.WhenAll(inFlight);
    }

    private async Task SettleThenRemoveAsync(HostileCase input, string jobId, string directory, TimeSpan patience, HostileOutcomes outcomes)
    {
        await SettleAsync(input, jobId, patience, outcomes);
        RemoveCaseFolder(directory);
    }

    private void RemoveCaseFolder(string directory)
    {
        if (directory == silo.DataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the fixture's cleanup.
        }
    }

    /// <summary>Submits one case (within <see cref="CallDeadline"/> unless told otherwise); returns the job id when it was accepted, after checking a rejection is clean.</summary>
    public async Task<string?> SubmitAsync(HostileCase input, string directory, HostileApi api, HostileOutcomes outcomes, TimeSpan? deadline = null)
    {
        try
        {
            string jobId;
            if (input.RawYaml is { } raw)
            {
                var overrides = input.RawOverrides ?? input.Overrides.Select(System.Text.Encoding.UTF8.GetBytes).ToList();
                jobId = await silo.RawSubmitAsync(api, raw, overrides, directory, Options(deadline));
            }
            else if (api == HostileApi.Runs)
            {
                var request = new SubmitRunRequest { SpecYaml = input.Yaml, SpecDirectory = directory };
                request.Overrides.AddRange(input.Overrides);
                jobId = (await silo.Client.SubmitRunAsync(request, Options(deadline))).RunId;
            }
            else
            {
                var request = new SubmitJobRequest { SpecYaml = input.Yaml, SpecDirectory = directory };
                request.Overrides.AddRange(input.Overrides);
                jobId = (await silo.Jobs.SubmitJobAsync(request, Options(deadline))).JobId;
            }

            if (string.IsNullOrEmpty(jobId))
            {
                outcomes.Fail(input, "accepted without a job id");
                return null;
            }

            silo.Accepted[jobId] = input.Name;
            outcomes.Count(ref outcomes.Accepted);
            return jobId;
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

    /// <summary>Follows an accepted job to a terminal state, cancelling it after <paramref name="patience"/> or when it would train for long.</summary>
    public async Task SettleAsync(HostileCase input, string jobId, TimeSpan patience, HostileOutcomes outcomes)
    {
        try
        {
            var report = patience > TimeSpan.Zero ? await WatchToEndAsync(jobId, patience, CancelAboveSteps) : null;
            var cancelled = false;
            if (report is null)
            {
                cancelled = true;
                await silo.Jobs.CancelJobAsync(new CancelJobRequest { JobId = jobId }, Options());
                report = await WatchToEndAsync(jobId, StopDeadline, cancelAboveSteps: null);
                if (report is null)
                {
                    outcomes.Fail(input, $"job {jobId} did not stop within {StopDeadline.TotalSeconds} s of its cancellation");
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
                    outcomes.Fail(input, $"job {jobId} ended '{report.Status}' with reason '{report.Reason}'");
                    break;
            }
        }
        catch (Exception e)
        {
            outcomes.Fail(input, $"following job {jobId} ended with {Describe(e)}");
        }
    }

    /// <summary>
    /// The job's final report, or null when <paramref name="patience"/> runs out or the job is set to take
    /// more than <paramref name="cancelAboveSteps"/> steps.
    /// </summary>
    public async Task<JobReport?> WatchToEndAsync(string jobId, TimeSpan patience, int? cancelAboveSteps)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            using var call = silo.Jobs.WatchJob(new WatchJobRequest { JobId = jobId }, new CallOptions(cancellationToken: timeout.Token));
            await foreach (var item in call.ResponseStream.ReadAllAsync(timeout.Token))
            {
                if (item.EventCase == JobEvent.EventOneofCase.Report)
                {
                    return item.Report;
                }

                if (cancelAboveSteps is { } limit && item.Progress.TotalSteps > limit)
                {
                    return null;
                }
            }

            throw new InvalidOperationException($"the watch of {jobId} ended without a report");
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

    /// <summary>
    /// No half-written job: every job the tenant lists was accepted by a submit (or started by an accepted
    /// job), and every one has reached a terminal state. Returns the problems found.
    /// </summary>
    public async Task<List<string>> UnexpectedJobsAsync()
    {
        var listed = await silo.Jobs.ListJobsAsync(new ListJobsRequest(), Options());
        var problems = new List<string>();
        foreach (var job in listed.Jobs)
        {
            if (job.ParentJobId.Length == 0 && !silo.Accepted.ContainsKey(job.JobId))
            {
                problems.Add($"{job.Kind} job {job.JobId} '{job.Name}' is listed but no submit accepted it");
            }

            if (job.Status is not ("completed" or "failed" or "cancelled"))
            {
                problems.Add($"{job.Kind} job {job.JobId} is still '{job.Status}' after every job was settled");
            }
        }

        return problems;
    }

    public static CallOptions Options(TimeSpan? deadline = null) => new(deadline: DateTime.UtcNow.Add(deadline ?? CallDeadline));

    private static string Describe(Exception e) => e is RpcException rpc
        ? $"{rpc.StatusCode} '{(rpc.Status.Detail.Length > 300 ? rpc.Status.Detail[..300] + "..." : rpc.Status.Detail)}'"
        : $"{e.GetType().Name}: {e.Message}";
}

/// <summary>The tally of a batch of hostile inputs, and what went wrong.</summary>
public sealed class HostileOutcomes
{
    public int Accepted;
    public int Invalid;
    public int Exhausted;
    public int Completed;
    public int Failed;
    public int Cancelled;

    public ConcurrentQueue<string> Failures { get; } = new();

    public string LastDetail { get; set; } = "";

    public void Count(ref int counter) => Interlocked.Increment(ref counter);

    public void Fail(HostileCase input, string problem) => Failures.Enqueue($"{problem}\n{input}");

    public override string ToString() =>
        $"{Invalid} invalid, {Exhausted} resource-exhausted, {Accepted} accepted ({Completed} completed, {Failed} failed, {Cancelled} cancelled); {Failures.Count} bad";
}
