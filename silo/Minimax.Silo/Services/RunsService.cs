using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Silo.Security;
using Minimax.Silo.Services.Jobs;

namespace Minimax.Silo.Services;

/// <summary>
/// minimax.v1.Runs: the typed API for training runs, kept for existing clients. Every call goes through
/// the same job mechanism as <see cref="JobsService"/> (tenancy, ids, admission, pushed watch), restricted
/// to jobs of kind train.
/// </summary>
public sealed class RunsService(IGrainFactory grains, JobsService jobs) : Runs.RunsBase
{
    public override async Task<SubmitRunReply> SubmitRun(SubmitRunRequest request, ServerCallContext context)
    {
        var (jobId, _) = await jobs.SubmitAsync(new SpecSubmission(request.SpecYaml, request.Overrides, request.SpecDirectory), request.RequestId, JobKinds.Train, context);
        return new SubmitRunReply { RunId = jobId };
    }

    public override async Task<RunReport> GetRun(GetRunRequest request, ServerCallContext context) =>
        ReportMapper.ToReport(await Run(await jobs.FindAsync(request.RunId, context, "run_id", JobKinds.Train)).GetSnapshotAsync());

    public override async Task WatchRun(WatchRunRequest request, IServerStreamWriter<WatchRunEvent> responseStream, ServerCallContext context)
    {
        var run = Run(await jobs.FindAsync(request.RunId, context, "run_id", JobKinds.Train));
        var languageModel = ReportMapper.IsLanguageModel(await run.GetSnapshotAsync());
        await foreach (var update in run.WatchJobAsync(0, context.CancellationToken))
        {
            var message = update switch
            {
                { Final.Detail: RunSnapshot final } => new WatchRunEvent { Report = ReportMapper.ToReport(final) },
                { Progress: ProgressRecord progress } => new WatchRunEvent { Progress = ReportMapper.ToProgress(progress, update.Info.Status, languageModel) },
                _ => null,
            };
            if (message is not null)
            {
                await responseStream.WriteAsync(message, context.CancellationToken);
            }
        }
    }

    public override async Task<CancelRunReply> CancelRun(CancelRunRequest request, ServerCallContext context)
    {
        var (grain, _) = await jobs.FindAsync(request.RunId, context, "run_id", JobKinds.Train);
        return new CancelRunReply { Status = (await grain.CancelJobAsync()).Status.ToWire() };
    }

    public override async Task<ListRunsReply> ListRuns(ListRunsRequest request, ServerCallContext context)
    {
        var listed = await jobs.ListJobs(new ListJobsRequest { Kind = JobKinds.Train, PageSize = request.PageSize, PageToken = request.PageToken }, context);
        var reply = new ListRunsReply { NextPageToken = listed.NextPageToken };
        reply.Runs.AddRange(listed.Jobs.Select(job => new RunSummary
        {
            RunId = job.JobId,
            Name = job.Name,
            Status = job.Status,
            Step = job.Step,
            TotalSteps = job.TotalSteps,
        }));
        return reply;
    }

    private IRunGrain Run((IJobGrain Grain, JobKind Kind) job) => grains.GetGrain<IRunGrain>(job.Grain.GetPrimaryKeyString());
}
