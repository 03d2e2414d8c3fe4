using System.Collections.Concurrent;
using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>
/// A Jobs service that answers from what a test put in it: reports by id, the progress events that
/// WatchJob sends before the report, and the reply to SubmitJob. It records submits and cancels.
/// </summary>
internal sealed class FakeJobs : Minimax.Contracts.Api.Jobs.JobsBase
{
    private readonly ConcurrentDictionary<string, (JobReport Report, JobProgress[] Progress, bool EndsWithoutReport)> _jobs = new();

    public ConcurrentQueue<SubmitJobRequest> Submitted { get; } = new();

    public ConcurrentQueue<string> Cancelled { get; } = new();

    public ConcurrentQueue<string> ListedKinds { get; } = new();

    public List<JobSummary> Summaries { get; } = [];

    /// <summary>What SubmitJob answers; the job should also be <see cref="Add"/>ed for watch to find it.</summary>
    public SubmitJobReply SubmitReply { get; set; } = new() { JobId = "run-1", Kind = "train" };

    /// <param name="endsWithoutReport">WatchJob ends after the progress without the report, as a restarting server's does.</param>
    public void Add(JobReport report, IEnumerable<JobProgress>? progress = null, bool endsWithoutReport = false) =>
        _jobs[report.JobId] = (report, [.. progress ?? []], endsWithoutReport);

    public override Task<SubmitJobReply> SubmitJob(SubmitJobRequest request, ServerCallContext context)
    {
        Submitted.Enqueue(request);
        return Task.FromResult(SubmitReply);
    }

    public override Task<JobReport> GetJob(GetJobRequest request, ServerCallContext context) =>
        Task.FromResult(Find(request.JobId).Report);

    public override async Task WatchJob(WatchJobRequest request, IServerStreamWriter<JobEvent> responseStream, ServerCallContext context)
    {
        var job = Find(request.JobId);
        foreach (var progress in job.Progress)
        {
            await responseStream.WriteAsync(new JobEvent { Progress = progress }, context.CancellationToken);
        }

        if (!job.EndsWithoutReport)
        {
            await responseStream.WriteAsync(new JobEvent { Report = job.Report }, context.CancellationToken);
        }
    }

    public override Task<CancelJobReply> CancelJob(CancelJobRequest request, ServerCallContext context)
    {
        Find(request.JobId);
        Cancelled.Enqueue(request.JobId);
        return Task.FromResult(new CancelJobReply { Status = "cancelled" });
    }

    public override Task<ListJobsReply> ListJobs(ListJobsRequest request, ServerCallContext context)
    {
        ListedKinds.Enqueue(request.Kind);
        var reply = new ListJobsReply();
        reply.Jobs.AddRange(Summaries.Where(s => request.Kind.Length == 0 || s.Kind == request.Kind));
        return Task.FromResult(reply);
    }

    private (JobReport Report, JobProgress[] Progress, bool EndsWithoutReport) Find(string jobId) =>
        _jobs.TryGetValue(jobId, out var job)
            ? job
            : throw new RpcException(new Status(StatusCode.NotFound, $"job_id: no job '{jobId}'"));
}
