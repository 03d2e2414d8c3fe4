using System.CommandLine;

namespace Minimax.Client.Cli;

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
        Description = "Id of this submission (default: a fresh one); submitting again with the same id returns the same run",
        HelpName = "ID",
    };

    public static Option<string> Plots(string forRuns) => new("--plots")
    {
        Description = $"Write plots of a doremi mixture job into DIR: {Mixtures.MixturePlots.WeightsFile} and {Mixtures.MixturePlots.PerplexityFile}; {forRuns}",
        HelpName = "DIR",
    };

    public static Argument<string> RunId() => new("RUN") { Description = "Run id, as printed by submit or list; a mixture job id (mix-...) for a doremi job" };

    public static Argument<string> SpecFile() => new("SPEC") { Description = "Run spec YAML file (docs/run-spec.md)" };
}
