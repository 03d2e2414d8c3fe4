using Minimax.Client.Cli;
using Minimax.Client.Runs;
using Minimax.Contracts.Api;
using MixturesClient = Minimax.Contracts.Api.Mixtures.MixturesClient;

namespace Minimax.Client.Mixtures;

/// <summary>The bodies of submit, get, watch and cancel when they are about a mixture job ("mix-..." ids, doremi specs).</summary>
internal static class MixtureCommands
{
    public static async Task<int> SubmitAsync(
        MixturesClient client, SpecSource source, IEnumerable<string> overrides, string requestId, bool json, TextWriter stdout, CancellationToken ct)
    {
        var reply = await client.SubmitMixtureAsync(MixtureRun.Request(source, overrides, requestId), cancellationToken: ct);
        if (json)
        {
            ReportJson.Write(stdout, reply);
        }
        else
        {
            stdout.WriteLine(reply.JobId);
        }

        return ExitCodes.Completed;
    }

    public static async Task<int> GetAsync(MixturesClient client, string jobId, bool json, string? plots, TextWriter stdout, CancellationToken ct)
    {
        var report = await client.GetMixtureAsync(new GetMixtureRequest { JobId = jobId }, cancellationToken: ct);
        return MixtureOutput.Finish(report, json, stdout, plots);
    }

    public static async Task<int> WatchAsync(MixturesClient client, string jobId, bool json, string? plots, TextWriter stdout, CancellationToken ct)
    {
        var view = json ? MixtureProgressView.None : new MixtureProgressView(ReportOutput.ConsoleFor(stdout));
        var report = await view.ShowAsync(jobId, onReport => MixtureWatcher.WatchAsync(client, jobId, onReport, ct));
        return MixtureOutput.Finish(report, json, stdout, plots);
    }

    public static async Task<int> CancelAsync(MixturesClient client, string jobId, bool json, TextWriter stdout, CancellationToken ct)
    {
        var reply = await client.CancelMixtureAsync(new CancelMixtureRequest { JobId = jobId }, cancellationToken: ct);
        if (json)
        {
            ReportJson.Write(stdout, reply);
        }
        else
        {
            stdout.WriteLine($"mixture {jobId}: {reply.Status}");
        }

        return ExitCodes.Completed;
    }
}
