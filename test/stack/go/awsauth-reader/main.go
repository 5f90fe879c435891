// Reads aws-auth ConfigMap data the way EKS does, with aws-iam-authenticator's own code,
// so the project's reader can be compared with it. One JSON object of data (key -> text)
// per stdin line; one JSON line per input on stdout: the identities the authenticator's
// EKSConfigMap mapper would hold, keyed as its MapStore keys them (last entry wins).
package main

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"

	"sigs.k8s.io/aws-iam-authenticator/pkg/config"
	"sigs.k8s.io/aws-iam-authenticator/pkg/mapper/configmap"
)

type identity struct {
	Key      string   `json:"key"`
	ARN      string   `json:"arn"`
	Username string   `json:"username"`
	Groups   []string `json:"groups"`
}

type reading struct {
	Roles    []identity `json:"roles"`
	Users    []identity `json:"users"`
	Accounts []string   `json:"accounts"`
	Failed   bool       `json:"failed"`
	Error    string     `json:"error,omitempty"`
}

func groups(g []string) []string {
	if g == nil {
		return []string{}
	}
	return g
}

func read(data map[string]string) reading {
	users, roles, accounts, err := configmap.ParseMap(data)
	// The same keying as MapStore.saveMap: a later entry with the same key replaces an earlier one.
	roleByKey := map[string]config.RoleMapping{}
	for _, role := range roles {
		roleByKey[role.Key()] = role
	}
	userByKey := map[string]config.UserMapping{}
	for _, user := range users {
		userByKey[user.Key()] = user
	}
	accountSet := map[string]bool{}
	for _, account := range accounts {
		accountSet[account] = true
	}
	out := reading{Roles: []identity{}, Users: []identity{}, Accounts: []string{}}
	for key, role := range roleByKey {
		out.Roles = append(out.Roles, identity{key, role.RoleARN, role.Username, groups(role.Groups)})
	}
	for key, user := range userByKey {
		out.Users = append(out.Users, identity{key, user.UserARN, user.Username, groups(user.Groups)})
	}
	for account := range accountSet {
		out.Accounts = append(out.Accounts, account)
	}
	sort.Slice(out.Roles, func(i, j int) bool { return out.Roles[i].Key < out.Roles[j].Key })
	sort.Slice(out.Users, func(i, j int) bool { return out.Users[i].Key < out.Users[j].Key })
	sort.Strings(out.Accounts)
	if err != nil {
		out.Failed = true
		out.Error = err.Error()
	}
	return out
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var data map[string]string
		if err := json.Unmarshal(in.Bytes(), &data); err != nil {
			os.Stderr.WriteString("awsauth-reader: each line must be a JSON object of strings: " + err.Error() + "\n")
			os.Exit(2)
		}
		if err := out.Encode(read(data)); err != nil {
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		os.Stderr.WriteString("awsauth-reader: " + err.Error() + "\n")
		os.Exit(1)
	}
}
