using System.CommandLine;
using Minimax.Client.Cli;
using Minimax.Client.Mixtures;
using Minimax.Contracts.Api;
using RunsClient = Minimax.Contracts.Api.Runs.RunsClient;

namespace Minimax.Client.Runs;

/// <summary><c>minimax run SPEC</c>: submit, watch to the end, report; on an embedded cluster unless --cluster.</summary>
internal static class RunCommand
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromMinutes(2);

    public static Command Create()
    {
        var spec = CommonOptions.SpecFile();
        var set = CommonOptions.Set();
        var cluster = CommonOptions.Cluster(required: false);
        var json = CommonOptions.Json("the final report");
        var apiKey = CommonOptions.ApiKey();
        var requestId = CommonOptions.RequestId();
        var plots = CommonOptions.Plots("a training run writes none");
        var command = new Command(
            "run",
            "Run a spec to completion and print its report; Ctrl+C cancels the run. A spec with 'kind: doremi' runs a DoReMi mixture job")
        {
            spec, set, cluster, json, apiKey, requestId, plots,
        };
        command.SetAction((parse, _) => RunAsync(
            parse.GetRequiredValue(spec),
            parse.GetValue(set) ?? [],
            parse.GetValue(cluster),
            parse.GetValue(json),
            ClusterApiKey.Resolve(parse.GetValue(apiKey)),
            parse.GetValue(requestId) ?? ClusterCommands.NewRequestId(),
            parse.GetValue(plots)));
        return command;
    }

    private static async Task<int> RunAsync(
        string specPath, string[] overrides, string? clusterText, bool json, string? apiKey, string requestId, string? plots)
    {
        if (SpecSource.TryRead(specPath) is not { } source || SpecKind.Resolve(source.Yaml, overrides) is not { } kind)
        {
            return ExitCodes.BadInput;
        }

        Uri? address = null;
        if (clusterText is not null && (address = ClusterConnection.ParseAddress(clusterText)) is null)
        {
            Console.Error.WriteLine($"error: --cluster: '{clusterText}' is not an http(s) URL");
            return ExitCodes.BadInput;
        }

        var stdout = Console.Out;
        using var interrupt = new Interrupt();
        if (address is null)
        {
            // Whatever the in-process silo writes to the console must not land among our output.
            Console.SetOut(Console.Error);
        }

        try
        {
            await using var connection = address is null
                ? await ClusterConnection.StartEmbeddedAsync(interrupt.Token)
                : ClusterConnection.Connect(address, apiKey);
            return kind == JobKind.Doremi
                ? await MixtureRun.SubmitAndWatchAsync(connection, source, overrides, requestId, json, plots, stdout, interrupt)
                : await SubmitAndWatchAsync(connection, source, overrides, requestId, json, stdout, interrupt);
        }
        catch (OperationCanceledException) when (interrupt.IsRequested)
        {
            Console.Error.WriteLine($"interrupted before the {(kind == JobKind.Doremi ? "mixture job" : "run")} was submitted");
            return ExitCodes.Interrupted;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    private static async Task<int> SubmitAndWatchAsync(
        ClusterConnection connection, SpecSource source, string[] overrides, string requestId, bool json, TextWriter stdout, Interrupt interrupt)
    {
        var client = connection.Client;
        string runId;
        try
        {
            var request = new SubmitRunRequest { SpecYaml = source.Yaml, SpecDirectory = source.Directory, RequestId = requestId };
            request.Overrides.AddRange(overrides);
            runId = (await client.SubmitRunAsync(request, cancellationToken: interrupt.Token)).RunId;
        }
        catch (Grpc.Core.RpcException e)
        {
            return RpcFailure.Report(e, connection.Address);
        }

        var view = json ? ProgressView.None : new ProgressView(ReportOutput.ConsoleFor(stdout));
        RunReport report;
        try
        {
            report = await view.ShowAsync(
                $"run {runId}",
                onProgress => RunWatcher.WatchAsync(client, runId, onProgress, interrupt.Token));
        }
        catch (OperationCanceledException) when (interrupt.IsRequested)
        {
            try
            {
                report = await CancelAndWaitAsync(client, runId);
            }
            catch (Grpc.Core.RpcException e)
            {
                return RpcFailure.Report(e, connection.Address);
            }
        }
        catch (Grpc.Core.RpcException e)
        {
            return RpcFailure.Report(e, connection.Address);
        }

        return ReportOutput.Finish(report, json, stdout);
    }

    private static async Task<RunReport> CancelAndWaitAsync(RunsClient client, string runId)
    {
        Console.Error.WriteLine($"cancelling run {runId} (Ctrl+C again to quit at once)");
        using var grace = new CancellationTokenSource(CancelGrace);
        await client.CancelRunAsync(new CancelRunRequest { RunId = runId }, cancellationToken: grace.Token);
        try
        {
            return await RunWatcher.WatchAsync(client, runId, _ => { }, grace.Token);
        }
        catch (OperationCanceledException)
        {
            return await client.GetRunAsync(new GetRunRequest { RunId = runId }, deadline: DateTime.UtcNow.AddSeconds(30));
        }
    }
}
