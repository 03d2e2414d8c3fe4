using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Grains.Jobs;
using Minimax.Grains.Tenants;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using GrainEvent = Minimax.Contracts.Grains.Jobs.JobEvent;
using WireEvent = Minimax.Contracts.Api.JobEvent;

namespace Minimax.Silo.Services.Jobs;

/// <summary>
/// minimax.v1.Jobs: every kind of job through one surface. Every call acts for the caller's tenant
/// (<see cref="CallerTenant"/>): a job is found through the tenant's registry, so another tenant's job
/// is answered exactly like an unknown id.
/// </summary>
public sealed class JobsService(IGrainFactory grains, SiloOptions options, TenantDataRoots dataRoots, JobAdmission admission, JobKindTable kinds)
    : Contracts.Api.Jobs.JobsBase
{
    public override async Task<SubmitJobReply> SubmitJob(SubmitJobRequest request, ServerCallContext context)
    {
        var (jobId, kind) = await SubmitAsync(new SpecSubmission(request.SpecYaml, request.Overrides, request.SpecDirectory), request.RequestId, null, context);
        return new SubmitJobReply { JobId = jobId, Kind = kind.Name };
    }

    public override async Task<JobReport> GetJob(GetJobRequest request, ServerCallContext context)
    {
        var (grain, kind) = await FindAsync(request.JobId, context);
        return Report(kind, await grain.GetViewAsync());
    }

    public override async Task WatchJob(WatchJobRequest request, IServerStreamWriter<WireEvent> responseStream, ServerCallContext context)
    {
        var (grain, kind) = await FindAsync(request.JobId, context);
        var start = (await grain.GetViewAsync()).Detail;
        // The watch is one request span; its batches of events, one grain call each, stay out of the trace.
        System.Diagnostics.Activity.Current = null;
        // Pushed by the job grain as things happen: no polling here or there.
        await foreach (var update in grain.WatchJobAsync(0, context.CancellationToken))
        {
            await responseStream.WriteAsync(
                update.Final is { } final ? new WireEvent { Report = Report(kind, final) } : new WireEvent { Progress = Progress(kind, update, start) },
                context.CancellationToken);
        }
    }

    public override async Task<CancelJobReply> CancelJob(CancelJobRequest request, ServerCallContext context)
    {
        var (grain, _) = await FindAsync(request.JobId, context);
        return new CancelJobReply { Status = (await grain.CancelJobAsync()).Status.ToWire() };
    }

    public override async Task<ListJobsReply> ListJobs(ListJobsRequest request, ServerCallContext context)
    {
        var size = request.PageSize switch
        {
            0 => JobListCursor.DefaultPageSize,
            < 0 or > JobListCursor.MaxPageSize => throw SubmitValidation.Invalid("page_size", $"must be from 1 to {JobListCursor.MaxPageSize}, not {request.PageSize}"),
            var n => n,
        };
        var cursor = JobListCursor.Parse(request.PageToken)
            ?? throw SubmitValidation.Invalid("page_token", "not a token a ListJobs reply gave");
        var (wanted, next) = await cursor.ReadAsync(
            grains.GetGrain<IJobRegistryGrain>(CallerTenant.Of(context)), size, entry => request.Kind.Length == 0 || entry.Kind == request.Kind);
        var infos = await Task.WhenAll(wanted.Select(entry => JobGrains.Find(grains, entry)));
        var reply = new ListJobsReply { NextPageToken = next?.ToString() ?? "" };
        reply.Jobs.AddRange(infos.OfType<JobInfo>().Where(info => info.Exists).Select(info => new JobSummary
        {
            JobId = info.JobId,
            Kind = info.Kind,
            Name = info.Name,
            Status = info.Status.ToWire(),
            Step = info.Step,
            TotalSteps = info.TotalSteps,
            ParentJobId = info.Parent ?? "",
        }));
        return reply;
    }

    public override async Task<DeleteJobReply> DeleteJob(DeleteJobRequest request, ServerCallContext context)
    {
        var (grain, _) = await FindAsync(request.JobId, context);
        var deletion = await grain.DeleteJobAsync();
        return deletion switch
        {
            { Refusal: { } refusal } => throw new RpcException(new Status(StatusCode.FailedPrecondition, refusal)),
            { Deleted: false } => throw new RpcException(new Status(StatusCode.NotFound, $"job_id: no job '{request.JobId}'")),
            _ => new DeleteJobReply(),
        };
    }

    /// <summary>Validates, derives the id and submits through admission; <paramref name="expected"/> refuses other kinds.</summary>
    public async Task<(string JobId, JobKind Kind)> SubmitAsync(SpecSubmission submission, string requestId, string? expected, ServerCallContext context)
    {
        var tenant = CallerTenant.Of(context);
        var request = SubmitValidation.RequireRequestId(requestId);
        var parsed = SubmitValidation.Parse(submission, options.Limits);
        var kind = kinds[SubmitValidation.KindOf(parsed)];
        if (expected is not null && kind.Name != expected)
        {
            throw SubmitValidation.Invalid("kind", $"a {kind.Name} spec is a {kind.Name} job: submit it with Jobs.SubmitJob (minimax run does)");
        }
        var submit = await kind.PrepareAsync(parsed, new JobContext(options.Limits, dataRoots.For(tenant), grains, tenant));
        var jobId = request is null ? $"{kind.IdPrefix}-{Guid.NewGuid():N}"[..(kind.IdPrefix.Length + 13)] : SubmitValidation.IdFor(kind.IdPrefix, tenant, request);
        await admission.SubmitAsync(tenant, new JobEntry(jobId, kind.Name, null), submit, context.CancellationToken);
        return (jobId, kind);
    }

    /// <summary>The caller's job of that id with its kind, or NOT_FOUND naming <paramref name="field"/>.</summary>
    public async Task<(IJobGrain Grain, JobKind Kind)> FindAsync(string jobId, ServerCallContext context, string field = "job_id", string? expected = null)
    {
        var tenant = CallerTenant.Of(context);
        SubmitValidation.RequireId(field, jobId);
        var entry = await grains.GetGrain<IJobRegistryGrain>(tenant).FindAsync(jobId);
        if (entry is not null && (expected is null || entry.Kind == expected) && kinds.Find(entry.Kind) is { } kind)
        {
            var grain = JobGrains.Get(grains, entry);
            var info = await grain.GetInfoAsync();
            if (info.Exists && info.Tenant == tenant)
            {
                return (grain, kind);
            }
        }
        throw new RpcException(new Status(StatusCode.NotFound, $"{field}: no {(expected is null ? "job" : expected == JobKinds.Train ? "run" : expected + " job")} '{jobId}'"));
    }

    public static JobReport Report(JobKind kind, JobView view)
    {
        var info = view.Info;
        var report = new JobReport
        {
            JobId = info.JobId,
            Kind = info.Kind,
            Name = info.Name,
            Status = info.Status.ToWire(),
            Reason = info.Reason ?? "",
            WallSeconds = info.WallSeconds,
            ParentJobId = info.Parent ?? "",
            TraceId = info.TraceId,
        };
        if (view.Detail is { } detail)
        {
            kind.Describe(detail, report);
        }
        return report;
    }

    private static JobProgress Progress(JobKind kind, GrainEvent update, JobDetail? start)
    {
        var info = update.Info;
        var progress = new JobProgress
        {
            JobId = info.JobId,
            Kind = info.Kind,
            Status = info.Status.ToWire(),
            Step = info.Step,
            TotalSteps = info.TotalSteps,
        };
        if (update.Progress is { } detail)
        {
            kind.Describe(detail, info, start, progress);
        }
        return progress;
    }
}
