using Grpc.Core;
using Minimax.Client.Connection;
using Minimax.Contracts.Api;
using JobsClient = Minimax.Contracts.Api.Jobs.JobsClient;

namespace Minimax.Client.Jobs;

/// <summary><c>minimax run</c> against a connection: submit, watch to the end, report; an interrupt cancels the job and waits for its end.</summary>
public static class JobRun
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The exit code of the job, or of the failed call. <paramref name="interrupt"/> before the job is
    /// submitted throws <see cref="OperationCanceledException"/>; after, it cancels the job.
    /// </summary>
    public static async Task<int> SubmitAndWatchAsync(
        ClusterConnection connection, SubmitJobRequest request, OutputOptions output, JobRenderers renderers, TextWriter stdout, CancellationToken interrupt)
    {
        var client = connection.Jobs;
        SubmitJobReply submitted;
        try
        {
            submitted = await client.SubmitJobAsync(request, cancellationToken: interrupt);
        }
        catch (RpcException e)
        {
            return RpcFailure.Report(e, connection.Address);
        }

        var jobId = submitted.JobId;
        var view = new JobCommands(connection, renderers, stdout).ProgressView(output);
        JobReport report;
        try
        {
            report = await view.ShowAsync(jobId, onProgress => JobWatcher.WatchAsync(client, jobId, onProgress, interrupt));
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            try
            {
                Console.Error.WriteLine($"cancelling {renderers.Find(submitted.Kind)?.Noun ?? "job"} {jobId} (Ctrl+C again to quit at once)");
                report = await CancelAndWaitAsync(client, jobId);
            }
            catch (RpcException e)
            {
                return RpcFailure.Report(e, connection.Address);
            }
        }
        catch (RpcException e)
        {
            return RpcFailure.Report(e, connection.Address);
        }

        return JobOutput.Finish(report, output, stdout, renderers);
    }

    private static async Task<JobReport> CancelAndWaitAsync(JobsClient client, string jobId)
    {
        using var grace = new CancellationTokenSource(CancelGrace);
        await client.CancelJobAsync(new CancelJobRequest { JobId = jobId }, cancellationToken: grace.Token);
        try
        {
            return await JobWatcher.WatchAsync(client, jobId, _ => { }, grace.Token);
        }
        catch (OperationCanceledException)
        {
            return await client.GetJobAsync(new GetJobRequest { JobId = jobId }, deadline: DateTime.UtcNow.AddSeconds(30));
        }
    }
}
