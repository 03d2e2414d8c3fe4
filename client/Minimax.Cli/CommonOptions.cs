using System.CommandLine;
using Minimax.Client.Connection;
using Minimax.Client.Jobs;

namespace Minimax.Cli;

/// <summary>Options shared by several commands; each command gets its own instances.</summary>
internal static class CommonOptions
{
    public static Option<string> Cluster(bool required) => new("--cluster")
    {
        Description = required
            ? "gRPC address of the cluster, for example http://127.0.0.1:5000"
            : "gRPC address of a running cluster; without it an embedded one-silo cluster is started",
        Required = required,
        HelpName = "URL",
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a spec field by its dotted path, for example training.optimizer.lr=0.1 (repeatable)",
        HelpName = "path=value",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<bool> Json(string what) => new("--json")
    {
        Description = $"Print {what} as one JSON object on stdout and nothing else there",
    };

    public static Option<string> ApiKey() => new("--api-key")
    {
        Description = $"API key of the cluster, sent as 'authorization: Bearer KEY' (default: the {ClusterApiKey.EnvironmentVariable} environment variable)",
        HelpName = "KEY",
    };

    public static Option<string> RequestId() => new("--request-id")
    {
        Description = "Id of this submission (default: a fresh one); submitting again with the same id returns the same job",
        HelpName = "ID",
    };

    /// <summary>--plots DIR, described from the renderers: which kind writes which files.</summary>
    public static Option<string> Plots(JobRenderers renderers) => new("--plots")
    {
        Description = "Write the job's plots into DIR (" + string.Join("; ", renderers.All.OrderBy(r => r.PlotFiles.Count == 0).Select(r =>
            $"{r.Kind}: {(r.PlotFiles.Count > 0 ? string.Join(" and ", r.PlotFiles) : "none")}")) + ")",
        HelpName = "DIR",
    };

    public static Argument<string> JobId() => new("JOB") { Description = "Job id of any kind, as printed by submit or list" };

    public static Argument<string> SpecFile() => new("SPEC") { Description = "Spec YAML file of any kind (docs/run-spec.md)" };

    /// <summary>A fresh request id, so that the channel's own retries of one submit return one job.</summary>
    public static string NewRequestId() => Guid.NewGuid().ToString("N");
}
