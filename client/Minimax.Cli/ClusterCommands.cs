using System.CommandLine;
using Grpc.Core;
using Minimax.Client;
using Minimax.Client.Cluster;
using Minimax.Client.Connection;
using Minimax.Client.Jobs;

namespace Minimax.Cli;

/// <summary>The commands that talk to a running cluster: submit, watch, get, cancel, delete, list, for jobs of every kind, and cluster.</summary>
internal static class ClusterCommands
{
    public static Command Submit(JobRenderers renderers)
    {
        var spec = CommonOptions.SpecFile();
        var set = CommonOptions.Set();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("{\"job_id\": ..., \"kind\": ...}");
        var apiKey = CommonOptions.ApiKey();
        var requestId = CommonOptions.RequestId();
        var command = new Command("submit", "Submit a spec of any kind and print the job id") { spec, set, cluster, json, apiKey, requestId };
        command.SetAction((parse, _) =>
        {
            var overrides = parse.GetValue(set) ?? [];
            if (SpecSource.TryRead(parse.GetRequiredValue(spec)) is not { } source || SpecKind.Resolve(source.Yaml, overrides, renderers) is null)
            {
                return Task.FromResult(ExitCodes.BadInput);
            }

            var request = source.Request(overrides, parse.GetValue(requestId) ?? CommonOptions.NewRequestId());
            return UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), renderers,
                (jobs, ct) => jobs.SubmitAsync(request, parse.GetValue(json), ct));
        });
        return command;
    }

    public static Command Watch(JobRenderers renderers)
    {
        var job = CommonOptions.JobId();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the final report");
        var apiKey = CommonOptions.ApiKey();
        var plots = CommonOptions.Plots(renderers);
        var command = new Command("watch", "Follow a job to its end and print its report; Ctrl+C stops watching, not the job")
        {
            job, cluster, json, apiKey, plots,
        };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), renderers,
            (jobs, ct) => jobs.WatchAsync(parse.GetRequiredValue(job), new OutputOptions(parse.GetValue(json), parse.GetValue(plots)), ct)));
        return command;
    }

    public static Command Get(JobRenderers renderers)
    {
        var job = CommonOptions.JobId();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the report");
        var apiKey = CommonOptions.ApiKey();
        var plots = CommonOptions.Plots(renderers);
        var command = new Command("get", "Print a job's report (so far, while it runs)") { job, cluster, json, apiKey, plots };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), renderers,
            (jobs, ct) => jobs.GetAsync(parse.GetRequiredValue(job), new OutputOptions(parse.GetValue(json), parse.GetValue(plots)), ct)));
        return command;
    }

    public static Command Cancel(JobRenderers renderers)
    {
        var job = CommonOptions.JobId();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the reply");
        var apiKey = CommonOptions.ApiKey();
        var command = new Command("cancel", "Cancel a job and every job it started (a run stops within one step)") { job, cluster, json, apiKey };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), renderers,
            (jobs, ct) => jobs.CancelAsync(parse.GetRequiredValue(job), parse.GetValue(json), ct)));
        return command;
    }

    public static Command Delete(JobRenderers renderers)
    {
        var job = CommonOptions.JobId();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the reply");
        var apiKey = CommonOptions.ApiKey();
        var command = new Command("delete", "Delete a finished job and everything it stored (history, checkpoints, final model, its stage runs)")
        {
            job, cluster, json, apiKey,
        };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), renderers,
            (jobs, ct) => jobs.DeleteAsync(parse.GetRequiredValue(job), parse.GetValue(json), ct)));
        return command;
    }

    public static Command List(JobRenderers renderers)
    {
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the job list");
        var apiKey = CommonOptions.ApiKey();
        var kind = new Option<string>("--kind") { Description = $"Only jobs of this kind: {renderers.KindList()}", HelpName = "KIND" };
        var command = new Command("list", "List your jobs on the cluster, every kind, with the job that started each") { cluster, json, apiKey, kind };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), renderers,
            (jobs, ct) => jobs.ListAsync(parse.GetValue(kind), parse.GetValue(json), ct)));
        return command;
    }

    public static Command Status()
    {
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the cluster's status");
        var apiKey = CommonOptions.ApiKey();
        var command = new Command("cluster", "Show the cluster's silos (address, role, activations), its active and pending jobs per kind and its steps per second")
        {
            cluster, json, apiKey,
        };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), "interrupted",
            (connection, ct) => ClusterStatusCommand.ShowAsync(connection, parse.GetValue(json), Console.Out, ct)));
        return command;
    }

    private static Task<int> UseClusterAsync(
        string clusterText, string? apiKey, JobRenderers renderers, Func<JobCommands, CancellationToken, Task<int>> body) =>
        UseClusterAsync(clusterText, apiKey, "interrupted; the job itself continues",
            (connection, ct) => body(new JobCommands(connection, renderers, Console.Out), ct));

    /// <summary>Connects to --cluster, runs one command body, and maps failures to one line and an exit code.</summary>
    private static async Task<int> UseClusterAsync(
        string clusterText, string? apiKey, string interrupted, Func<ClusterConnection, CancellationToken, Task<int>> body)
    {
        if (ClusterConnection.ParseAddress(clusterText) is not { } address)
        {
            Console.Error.WriteLine($"error: --cluster: '{clusterText}' is not an http(s) URL");
            return ExitCodes.BadInput;
        }

        using var interrupt = new Interrupt();
        using var connection = ClusterConnection.Connect(address, ClusterApiKey.Resolve(apiKey));
        try
        {
            return await body(connection, interrupt.Token);
        }
        catch (RpcException e)
        {
            return RpcFailure.Report(e, address);
        }
        catch (OperationCanceledException) when (interrupt.IsRequested)
        {
            Console.Error.WriteLine(interrupted);
            return ExitCodes.Interrupted;
        }
    }
}
