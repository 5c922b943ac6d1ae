namespace FunctionsSequence.Benchmarks;

/// <summary>How a runtime row's events reach the runtime.</summary>
internal enum Via
{
    /// <summary>Through Core's router, in the runtime's process.</summary>
    Core,

    /// <summary>Through the HTTP ingress in binary mode, from a client in the runtime's process.</summary>
    Http,

    /// <summary>Through the HTTP ingress in binary mode, from a client in a process of its own (<see cref="LoadProcess"/>).</summary>
    HttpApart,
}
