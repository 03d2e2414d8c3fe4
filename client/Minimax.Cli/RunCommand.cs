using System.CommandLine;
using Minimax.Client;
using Minimax.Client.Connection;
using Minimax.Client.Jobs;
using Minimax.Silo;

namespace Minimax.Cli;

/// <summary><c>minimax run SPEC</c>: submit, watch to the end, report; on an embedded one-silo cluster unless --cluster.</summary>
internal static class RunCommand
{
    public static Command Create(JobRenderers renderers)
    {
        var spec = CommonOptions.SpecFile();
        var set = CommonOptions.Set();
        var cluster = CommonOptions.Cluster(required: false);
        var json = CommonOptions.Json("the final report");
        var apiKey = CommonOptions.ApiKey();
        var requestId = CommonOptions.RequestId();
        var plots = CommonOptions.Plots(renderers);
        var command = new Command(
            "run",
            $"Run a spec of any kind ({renderers.KindList()}) to its end and print its report; Ctrl+C cancels the job")
        {
            spec, set, cluster, json, apiKey, requestId, plots,
        };
        command.SetAction((parse, _) => RunAsync(
            parse.GetRequiredValue(spec),
            parse.GetValue(set) ?? [],
            parse.GetValue(cluster),
            new OutputOptions(parse.GetValue(json), parse.GetValue(plots)),
            ClusterApiKey.Resolve(parse.GetValue(apiKey)),
            parse.GetValue(requestId) ?? CommonOptions.NewRequestId(),
            renderers));
        return command;
    }

    private static async Task<int> RunAsync(
        string specPath, string[] overrides, string? clusterText, OutputOptions output, string? apiKey, string requestId, JobRenderers renderers)
    {
        if (SpecSource.TryRead(specPath) is not { } source || SpecKind.Resolve(source.Yaml, overrides, renderers) is null)
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
            await using var embedded = address is null ? await EmbeddedCluster.StartAsync(interrupt.Token) : null;
            // The embedded cluster runs with Auth:Mode none on loopback: no key.
            using var connection = embedded is null ? ClusterConnection.Connect(address!, apiKey) : ClusterConnection.Connect(embedded.Address);
            return await JobRun.SubmitAndWatchAsync(connection, source.Request(overrides, requestId), output, renderers, stdout, interrupt.Token);
        }
        catch (OperationCanceledException) when (interrupt.IsRequested)
        {
            Console.Error.WriteLine("interrupted before the job was submitted");
            return ExitCodes.Interrupted;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }
}
