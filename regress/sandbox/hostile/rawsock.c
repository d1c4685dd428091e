/* raw, packet and non-route netlink sockets must be refused */
#include "h.h"
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netinet/in.h>
int main(void) {
	expect_fail(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), "AF_INET SOCK_RAW");
	expect_fail(socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW), "AF_INET6 SOCK_RAW");
	expect_fail(socket(AF_PACKET, SOCK_RAW, htons(3)), "AF_PACKET");
	expect_fail(socket(AF_INET, SOCK_PACKET, htons(3)), "SOCK_PACKET");
	expect_fail(socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT), "NETLINK_AUDIT");
	expect_fail(socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT), "NETLINK_KOBJECT_UEVENT");
	expect_fail(socket(AF_BLUETOOTH, SOCK_STREAM, 0), "AF_BLUETOOTH");
	expect_fail(socket(AF_VSOCK, SOCK_STREAM, 0), "AF_VSOCK");
	expect_fail(socket(AF_ALG, SOCK_SEQPACKET, 0), "AF_ALG");
	int ok = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	printf("netlink route allowed: %d\n", ok != -1);
	return verdict();
}
