using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>A spec as submitted: its YAML, the overrides and the folder relative paths resolve against.</summary>
public sealed record SpecSubmission(string SpecYaml, IReadOnlyList<string> Overrides, string SpecDirectory);

/// <summary>A submission's spec parsed once (<see cref="SubmitValidation.Parse"/>), and the absolute folder its relative paths resolve against.</summary>
public sealed record ParsedSpec(SpecDocument Document, string SpecDirectory);
