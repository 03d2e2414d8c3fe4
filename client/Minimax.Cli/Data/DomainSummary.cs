namespace Minimax.Cli.Data;

/// <summary>What was written for one domain: its two files, their sizes and the gzip ratio of the training text.</summary>
internal sealed record DomainSummary(string Domain, string TrainPath, int TrainBytes, string HeldoutPath, int HeldoutBytes, double TrainGzipRatio);
