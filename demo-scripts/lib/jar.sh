# Sourced by the launch scripts: sets $repo and $jar, building the jar when it is missing or
# older than any source, so every script runs what the tree says.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$repo/target/booth.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$repo/pom.xml" "$repo/model/src" "$repo/hal/src" "$repo/display/src" \
        "$repo/daemon/src" "$repo/demo-scripts/src" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "building $jar ..." >&2
    (cd "$repo" && mvn -B -q -DskipTests package) >&2 || {
        echo "the build failed; run 'mvn -DskipTests package' in $repo to see why" >&2
        exit 1
    }
fi
