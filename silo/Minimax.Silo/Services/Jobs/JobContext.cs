using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.Silo.Services.Jobs;

/// <summary>What validating a spec needs from the silo: its limits and where data may be read from.</summary>
public sealed record JobContext(RunLimits Limits, DataRoots DataRoots);
