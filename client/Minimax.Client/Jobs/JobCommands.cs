using Minimax.Client.Connection;
using Minimax.Contracts.Api;

namespace Minimax.Client.Jobs;

/// <summary>
/// The bodies of submit, get, watch, cancel, delete and list over the Jobs API, the same for every kind: the
/// kind of a reply picks its renderer. Failed calls throw <see cref="Grpc.Core.RpcException"/> (for
/// <see cref="RpcFailure.Report"/>); the result is the exit code.
/// </summary>
public sealed class JobCommands(ClusterConnection connection, JobRenderers renderers, TextWriter stdout)
{
    public async Task<int> SubmitAsync(SubmitJobRequest request, bool json, CancellationToken cancellationToken)
    {
        var reply = await connection.Jobs.SubmitJobAsync(request, cancellationToken: cancellationToken);
        stdout.WriteLine(json ? JobJson.FormatSubmitted(reply, renderers.Find(reply.Kind)) : reply.JobId);
        stdout.Flush();
        return ExitCodes.Completed;
    }

    public async Task<int> GetAsync(string jobId, OutputOptions output, CancellationToken cancellationToken)
    {
        var report = await connection.Jobs.GetJobAsync(new GetJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
        new JobWarnings(renderers).From(report);
        return JobOutput.Finish(report, output, stdout, renderers);
    }

    public async Task<int> WatchAsync(string jobId, OutputOptions output, CancellationToken cancellationToken)
    {
        var report = await ProgressView(output).ShowAsync(
            jobId, onProgress => JobWatcher.WatchAsync(connection.Jobs, jobId, onProgress, cancellationToken));
        return JobOutput.Finish(report, output, stdout, renderers);
    }

    public async Task<int> CancelAsync(string jobId, bool json, CancellationToken cancellationToken)
    {
        var reply = await connection.Jobs.CancelJobAsync(new CancelJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
        stdout.WriteLine(json ? JobJson.FormatCancelled(jobId, reply) : $"{jobId}: {reply.Status}");
        stdout.Flush();
        return ExitCodes.Completed;
    }

    public async Task<int> DeleteAsync(string jobId, bool json, CancellationToken cancellationToken)
    {
        await connection.Jobs.DeleteJobAsync(new DeleteJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
        stdout.WriteLine(json ? JobJson.FormatDeleted(jobId) : $"{jobId}: deleted");
        stdout.Flush();
        return ExitCodes.Completed;
    }

    /// <param name="kind">Only jobs of this kind; null for all.</param>
    public async Task<int> ListAsync(string? kind, bool json, CancellationToken cancellationToken)
    {
        var reply = new ListJobsReply();
        var request = new ListJobsRequest { Kind = kind ?? "" };
        do
        {
            var page = await connection.Jobs.ListJobsAsync(request, cancellationToken: cancellationToken);
            reply.Jobs.AddRange(page.Jobs);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        if (json)
        {
            ProtoJson.Write(stdout, reply);
        }
        else
        {
            JobListView.Write(Terminal.ConsoleFor(stdout), reply);
        }

        return ExitCodes.Completed;
    }

    /// <summary>Progress bars or lines on stdout, or nothing with --json (stdout is the JSON's alone).</summary>
    public JobProgressView ProgressView(OutputOptions output) => new(output.Json ? null : Terminal.ConsoleFor(stdout), renderers);
}
