using System.CommandLine;
using Grpc.Core;
using Minimax.Client.Cli;
using Minimax.Client.Mixtures;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Runs;

/// <summary>
/// The commands that talk to a running cluster: submit, watch, get, cancel, list. A doremi spec and a
/// mixture job id ("mix-...") go to the Mixtures service (<see cref="MixtureCommands"/>).
/// </summary>
internal static class ClusterCommands
{
    public static Command Submit()
    {
        var spec = CommonOptions.SpecFile();
        var set = CommonOptions.Set();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("{\"run_id\": ...}");
        var apiKey = CommonOptions.ApiKey();
        var requestId = CommonOptions.RequestId();
        var command = new Command("submit", "Submit a spec and print the run id (the job id for a doremi spec)") { spec, set, cluster, json, apiKey, requestId };
        command.SetAction((parse, _) =>
        {
            var overrides = parse.GetValue(set) ?? [];
            if (SpecSource.TryRead(parse.GetRequiredValue(spec)) is not { } source || SpecKind.Resolve(source.Yaml, overrides) is not { } kind)
            {
                return Task.FromResult(ExitCodes.BadInput);
            }

            return UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), async (connection, stdout, ct) =>
            {
                if (kind == JobKind.Doremi)
                {
                    return await MixtureCommands.SubmitAsync(
                        connection.Mixtures, source, overrides, parse.GetValue(requestId) ?? NewRequestId(), parse.GetValue(json), stdout, ct);
                }

                var request = new SubmitRunRequest
                {
                    SpecYaml = source.Yaml,
                    SpecDirectory = source.Directory,
                    RequestId = parse.GetValue(requestId) ?? NewRequestId(),
                };
                request.Overrides.AddRange(overrides);
                var reply = await connection.Client.SubmitRunAsync(request, cancellationToken: ct);
                if (parse.GetValue(json))
                {
                    ReportJson.Write(stdout, reply);
                }
                else
                {
                    stdout.WriteLine(reply.RunId);
                }

                return ExitCodes.Completed;
            });
        });
        return command;
    }

    public static Command Watch()
    {
        var run = CommonOptions.RunId();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the final report");
        var apiKey = CommonOptions.ApiKey();
        var plots = CommonOptions.Plots("runs write none");
        var command = new Command("watch", "Follow a run or mixture job to its end and print its report; Ctrl+C stops watching, not the job")
        {
            run, cluster, json, apiKey, plots,
        };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), async (connection, stdout, ct) =>
        {
            var runId = parse.GetRequiredValue(run);
            var asJson = parse.GetValue(json);
            if (MixtureWatcher.IsMixtureId(runId))
            {
                return await MixtureCommands.WatchAsync(connection.Mixtures, runId, asJson, parse.GetValue(plots), stdout, ct);
            }

            var client = connection.Client;
            var view = asJson ? ProgressView.None : new ProgressView(ReportOutput.ConsoleFor(stdout));
            var report = await view.ShowAsync($"run {runId}", onProgress => RunWatcher.WatchAsync(client, runId, onProgress, ct));
            return ReportOutput.Finish(report, asJson, stdout);
        }));
        return command;
    }

    public static Command Get()
    {
        var run = CommonOptions.RunId();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the report");
        var apiKey = CommonOptions.ApiKey();
        var plots = CommonOptions.Plots("runs write none");
        var command = new Command("get", "Print a run's or mixture job's report (so far, while it runs)") { run, cluster, json, apiKey, plots };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), async (connection, stdout, ct) =>
        {
            var runId = parse.GetRequiredValue(run);
            if (MixtureWatcher.IsMixtureId(runId))
            {
                return await MixtureCommands.GetAsync(connection.Mixtures, runId, parse.GetValue(json), parse.GetValue(plots), stdout, ct);
            }

            var report = await connection.Client.GetRunAsync(new GetRunRequest { RunId = runId }, cancellationToken: ct);
            return ReportOutput.Finish(report, parse.GetValue(json), stdout);
        }));
        return command;
    }

    public static Command Cancel()
    {
        var run = CommonOptions.RunId();
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the reply");
        var apiKey = CommonOptions.ApiKey();
        var command = new Command("cancel", "Cancel a run (it stops within one step) or a mixture job and its stage runs") { run, cluster, json, apiKey };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), async (connection, stdout, ct) =>
        {
            var runId = parse.GetRequiredValue(run);
            if (MixtureWatcher.IsMixtureId(runId))
            {
                return await MixtureCommands.CancelAsync(connection.Mixtures, runId, parse.GetValue(json), stdout, ct);
            }

            var reply = await connection.Client.CancelRunAsync(new CancelRunRequest { RunId = runId }, cancellationToken: ct);
            if (parse.GetValue(json))
            {
                ReportJson.Write(stdout, reply);
            }
            else
            {
                stdout.WriteLine($"run {runId}: {reply.Status}");
            }

            return ExitCodes.Completed;
        }));
        return command;
    }

    public static Command List()
    {
        var cluster = CommonOptions.Cluster(required: true);
        var json = CommonOptions.Json("the run list");
        var apiKey = CommonOptions.ApiKey();
        var command = new Command("list", "List your runs on the cluster") { cluster, json, apiKey };
        command.SetAction((parse, _) => UseClusterAsync(parse.GetRequiredValue(cluster), parse.GetValue(apiKey), async (connection, stdout, ct) =>
        {
            var reply = await connection.Client.ListRunsAsync(new ListRunsRequest(), cancellationToken: ct);
            if (parse.GetValue(json))
            {
                ReportJson.Write(stdout, reply);
                return ExitCodes.Completed;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("run", "name", "status", "step");
            foreach (var summary in reply.Runs)
            {
                table.AddRow(
                    Markup.Escape(summary.RunId),
                    Markup.Escape(summary.Name),
                    Markup.Escape(summary.Status),
                    $"{summary.Step}/{summary.TotalSteps}");
            }

            ReportOutput.ConsoleFor(stdout).Write(table);
            return ExitCodes.Completed;
        }));
        return command;
    }

    /// <summary>A fresh request id, so that the channel's own retries of one submit return one run.</summary>
    public static string NewRequestId() => Guid.NewGuid().ToString("N");

    /// <summary>Connects to --cluster, runs one command body, and maps failures to one line and an exit code.</summary>
    private static async Task<int> UseClusterAsync(
        string clusterText, string? apiKey, Func<ClusterConnection, TextWriter, CancellationToken, Task<int>> body)
    {
        if (ClusterConnection.ParseAddress(clusterText) is not { } address)
        {
            Console.Error.WriteLine($"error: --cluster: '{clusterText}' is not an http(s) URL");
            return ExitCodes.BadInput;
        }

        using var interrupt = new Interrupt();
        await using var connection = ClusterConnection.Connect(address, ClusterApiKey.Resolve(apiKey));
        try
        {
            return await body(connection, Console.Out, interrupt.Token);
        }
        catch (RpcException e)
        {
            return RpcFailure.Report(e, address);
        }
        catch (OperationCanceledException) when (interrupt.IsRequested)
        {
            Console.Error.WriteLine("interrupted; the run itself continues");
            return ExitCodes.Interrupted;
        }
    }
}
