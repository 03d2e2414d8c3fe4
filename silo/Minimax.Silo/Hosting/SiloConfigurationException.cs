namespace Minimax.Silo.Hosting;

/// <summary>The silo's configuration is unsafe or invalid; the message names the key. The silo does not start.</summary>
public sealed class SiloConfigurationException(string message) : Exception(message);
