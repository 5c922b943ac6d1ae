using System.Runtime.InteropServices;

namespace FunctionsSequence.HostTests.Hosting;

/// <summary>kill(2), to signal a process group: .NET's Process can only signal one process or kill a tree.</summary>
internal static class NativeMethods
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int kill(int pid, int sig);
}
