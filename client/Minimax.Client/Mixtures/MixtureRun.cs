using Grpc.Core;
using Minimax.Client.Cli;
using Minimax.Client.Runs;
using Minimax.Contracts.Api;
using MixturesClient = Minimax.Contracts.Api.Mixtures.MixturesClient;

namespace Minimax.Client.Mixtures;

/// <summary>The <c>minimax run</c> path for a <c>kind: doremi</c> spec: submit, watch every stage, report; Ctrl+C cancels the job.</summary>
internal static class MixtureRun
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromMinutes(2);

    public static async Task<int> SubmitAndWatchAsync(
        ClusterConnection connection, SpecSource source, string[] overrides, string requestId, bool json, string? plots, TextWriter stdout, Interrupt interrupt)
    {
        var client = connection.Mixtures;
        string jobId;
        try
        {
            jobId = (await client.SubmitMixtureAsync(Request(source, overrides, requestId), cancellationToken: interrupt.Token)).JobId;
        }
        catch (RpcException e)
        {
            return RpcFailure.Report(e, connection.Address);
        }

        var view = json ? MixtureProgressView.None : new MixtureProgressView(ReportOutput.ConsoleFor(stdout));
        MixtureReport report;
        try
        {
            report = await view.ShowAsync(jobId, onReport => MixtureWatcher.WatchAsync(client, jobId, onReport, interrupt.Token));
        }
        catch (OperationCanceledException) when (interrupt.IsRequested)
        {
            try
            {
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

        return MixtureOutput.Finish(report, json, stdout, plots);
    }

    public static SubmitMixtureRequest Request(SpecSource source, IEnumerable<string> overrides, string requestId)
    {
        var request = new SubmitMixtureRequest { SpecYaml = source.Yaml, SpecDirectory = source.Directory, RequestId = requestId };
        request.Overrides.AddRange(overrides);
        return request;
    }

    private static async Task<MixtureReport> CancelAndWaitAsync(MixturesClient client, string jobId)
    {
        Console.Error.WriteLine($"cancelling mixture {jobId} and its stage runs (Ctrl+C again to quit at once)");
        using var grace = new CancellationTokenSource(CancelGrace);
        await client.CancelMixtureAsync(new CancelMixtureRequest { JobId = jobId }, cancellationToken: grace.Token);
        try
        {
            return await MixtureWatcher.WatchAsync(client, jobId, _ => { }, grace.Token);
        }
        catch (OperationCanceledException)
        {
            return await client.GetMixtureAsync(new GetMixtureRequest { JobId = jobId }, deadline: DateTime.UtcNow.AddSeconds(30));
        }
    }
}
