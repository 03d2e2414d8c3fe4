namespace Minimax.Silo.Services.Jobs;

/// <summary>A spec as submitted: its YAML, the overrides and the folder relative paths resolve against.</summary>
public sealed record SpecSubmission(string SpecYaml, IReadOnlyList<string> Overrides, string SpecDirectory);
